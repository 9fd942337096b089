package org.gleaner.builder.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written split is the regex split, on random texts full of every kind of white space. */
class WhitespaceWordsTest {
    private static final Pattern WORDS = Pattern.compile("\\s+");
    private static final String[] PIECES = {" ", "  ", "\t", "\n", "\u000B", "\f", "\r", "\u00A0", "\u2003", "\u001C",
            "a", "word", "é", "日本", "😀", ".", "", "x y"};

    @Test
    void randomTextsSplitAsTheRegexDoes() {
        Random random = new Random(3);
        for (int t = 0; t < 50_000; t++) {
            StringBuilder sb = new StringBuilder();
            int pieces = random.nextInt(12);
            for (int p = 0; p < pieces; p++) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String text = sb.toString();
            String[] expected = WORDS.split(text);
            assertThat(WhitespaceWords.split(text)).as("'%s'", text).containsExactly(expected);
            assertThat(WhitespaceWords.count(text)).as("'%s'", text).isEqualTo(expected.length);
        }
    }
}
