package org.gleaner.builder.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written count is the number of regex matches, on random texts of marks, spaces and terminators. */
class SentenceEndsTest {
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?。！？]+(\\s|$)");
    private static final String[] PIECES = {".", "!", "?", "。", "！", "？", "...", " ", "\t", "\n", "\r", "\r\n",
            "\u000B", "\f", "\u0085", "\u2028", "\u2029", "\u00A0", "\u2003", "a", "word", "é", "日本", "😀", "\"", ")"};

    @Test
    void randomTextsCountAsTheRegexFinds() {
        Random random = new Random(29);
        int matches = 0;
        for (int t = 0; t < 100_000; t++) {
            StringBuilder sb = new StringBuilder();
            int pieces = random.nextInt(14);
            for (int p = 0; p < pieces; p++) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String text = sb.toString();
            int expected = 0;
            Matcher m = SENTENCE_END.matcher(text);
            while (m.find()) {
                expected++;
            }
            matches += expected;
            assertThat(SentenceEnds.count(text)).as("'%s'", text).isEqualTo(expected);
        }
        assertThat(matches).isGreaterThan(50_000);
    }
}
