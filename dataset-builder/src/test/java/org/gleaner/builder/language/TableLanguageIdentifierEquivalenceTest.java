package org.gleaner.builder.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The table identifier gives lingua's answers: the same language and the same calibrated score (to 1e-6; in
 * practice bit for bit) as {@link LinguaLanguageIdentifier} on the hand-written examples and on generated
 * text in many scripts, mixes of languages, digits, punctuation and lengths from one char to past the sample.
 */
class TableLanguageIdentifierEquivalenceTest {
    static LinguaLanguageIdentifier lingua;
    static TableLanguageIdentifier table;
    static List<String> examples;

    @BeforeAll
    static void load() throws IOException {
        lingua = new LinguaLanguageIdentifier(LanguageSettings.defaults());
        table = new TableLanguageIdentifier(LanguageSettings.defaults());
        examples = new ArrayList<>();
        try (InputStream in = TableLanguageIdentifierEquivalenceTest.class.getResourceAsStream("/language/labelled.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    examples.add(line.split("\t", 2)[1]);
                }
            }
        }
    }

    @Test
    void sameAnswersOnTheHandWrittenExamples() {
        for (String text : examples) {
            assertSameAnswer(text);
        }
    }

    @Test
    void sameAnswersOnGeneratedMultilingualText() {
        GeneratedText generator = new GeneratedText(new Random(20261123L), examples);
        int determined = 0;
        int byScoring = 0;
        for (int i = 0; i < 3000; i++) {
            String text = generator.next();
            LanguageIdentifier.Identified expected = assertSameAnswer(text);
            if (!expected.code().equals("und")) {
                determined++;
            }
            if (expected.score() != null && expected.score() > 0 && expected.score() < 1) {
                byScoring++;
            }
        }
        // the generated texts reach both the rules and the scoring, not just one path
        assertThat(determined).isGreaterThan(1000);
        assertThat(byScoring).isGreaterThan(500);
    }

    @Test
    void sameAnswersOnEdgeCases() {
        for (String text : List.of("", " ", "a", "ab", "abc", "12 34", "...", "ä", "the", "ﬁne ﬂow", "İstanbul",
                "Ǆemal ǅ", "𝒜𝒷𝒸 𝒹𝑒𝒻", "a\uD835b", "\uDC00abc", "日本語のテキスト", "中文文本", "한국어",
                "Ελληνικά κείμενα", "עברית", "ไทย", "हिन्दी पाठ", "русский текст", "українська мова", "ąę", "ß")) {
            assertSameAnswer(text);
        }
    }

    @Test
    void refusesHighAccuracyMode() {
        assertThatThrownBy(() -> new TableLanguageIdentifier(new LanguageSettings(List.of("en", "de"), false, 0.5, 500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("low-accuracy");
        assertThatThrownBy(() -> new TableLanguageIdentifier(new LanguageSettings(List.of("en", "qq"), true, 0.5, 500)))
                .hasMessageContaining("qq");
    }

    @Test
    void aSmallerLanguageSetGivesLinguasAnswersToo() {
        LanguageSettings settings = new LanguageSettings(List.of("en", "de", "nl", "ru"), true, 0.3, 200);
        LinguaLanguageIdentifier smallLingua = new LinguaLanguageIdentifier(settings);
        TableLanguageIdentifier smallTable = new TableLanguageIdentifier(settings);
        GeneratedText generator = new GeneratedText(new Random(7), examples);
        for (int i = 0; i < 500; i++) {
            String text = generator.next();
            assertThat(smallTable.identify(text)).as(text).isEqualTo(smallLingua.identify(text));
        }
    }

    private static LanguageIdentifier.Identified assertSameAnswer(String text) {
        LanguageIdentifier.Identified expected = lingua.identify(text);
        LanguageIdentifier.Identified actual = table.identify(text);
        assertThat(actual.code()).as("language of '%s'", text).isEqualTo(expected.code());
        if (expected.score() == null) {
            assertThat(actual.score()).as("score of '%s'", text).isNull();
        } else {
            assertThat(actual.score()).as("score of '%s'", text).isCloseTo(expected.score(),
                    org.assertj.core.data.Offset.offset(1e-6));
        }
        return expected;
    }
}
