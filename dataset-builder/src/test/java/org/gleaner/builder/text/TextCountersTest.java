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

    @Test
    void countsEmailAddresses() {
        assertThat(RegexPiiCounter.countEmails("write to alice@example.com or bob.smith+tag@mail.example.org.")).isEqualTo(2);
        assertThat(RegexPiiCounter.countEmails("no address here, @handle, user@localhost")).isZero();
    }

    @Test
    void countsPhoneLikeNumbers() {
        assertThat(RegexPiiCounter.countPhones("Call +44 20 7946 0958 or (555) 123-4567 today.")).isEqualTo(2);
        assertThat(RegexPiiCounter.countPhones("Call 030-1234567.")).isEqualTo(1);
    }

    @Test
    void shortNumbersDatesAndLongIdsAreNotPhones() {
        assertThat(RegexPiiCounter.countPhones("Version 1.2.3, 42 items, year 2024")).isZero();
        assertThat(RegexPiiCounter.countPhones("Released 2024-01-02.")).isZero();
        assertThat(RegexPiiCounter.countPhones("Order 12345678901234567890")).isZero();
    }

    @Test
    void countsBoth() {
        assertThat(RegexPiiCounter.count("mail a@b.example, phone +1 202 555 0143")).isEqualTo(new PiiCounts(1, 1));
    }
}
