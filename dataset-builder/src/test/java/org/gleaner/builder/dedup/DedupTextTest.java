package org.gleaner.builder.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-pass form of ASCII texts is the one the full Unicode normalization gives. */
class DedupTextTest {

    @Test
    void asciiTextsGetTheSameFormAsThroughUnicodeNormalization() {
        Random random = new Random(53);
        for (int t = 0; t < 20_000; t++) {
            char[] chars = new char[random.nextInt(80)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = random.nextInt(3) == 0 ? " \n\t.,-_'@#".charAt(random.nextInt(10)) : (char) random.nextInt(128);
            }
            String text = new String(chars);
            assertThat(DedupText.normalizeAscii(text)).as("%s", text).isEqualTo(DedupText.normalizeUnicode(text));
        }
    }

    @Test
    void textsWithOtherCharactersStillGetTheUnicodeForm() {
        assertThat(DedupText.normalize("Ｆｕｌｌ-Width ﬁne  Straße!")).isEqualTo("full width fine straße");
        assertThat(DedupText.normalize("  Hello, World 42!  ")).isEqualTo("hello world 42");
    }
}
