package org.gleaner.builder.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCountersTest {
    @Test
    void countsWhitespaceSeparatedTokens() {
        assertThat(TokenCounter.whitespaceTokens("")).isZero();
        assertThat(TokenCounter.whitespaceTokens("   \n\t ")).isZero();
        assertThat(TokenCounter.whitespaceTokens("one")).isEqualTo(1);
        assertThat(TokenCounter.whitespaceTokens("  one two\nthree\tfour  ")).isEqualTo(4);
        assertThat(TokenCounter.whitespaceTokens("no\u00A0break")).isEqualTo(2);
    }
}
