package org.gleaner.builder.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The table identifier gives lingua's answers: the same language and the same calibrated score (to 1e-6, and
 * bit for bit on all but a handful) as {@link LinguaLanguageIdentifier} on the hand-written examples and on generated
 * text in many scripts, mixes of languages, digits, punctuation and lengths from one char to past the sample.
 */
class TableLanguageIdentifierEquivalenceTest {
    static LinguaLanguageIdentifier lingua;
    static TableLanguageIdentifier table;
    static LanguageDetector detector;
    static List<String> examples;

    @BeforeAll
    static void load() throws IOException {
        lingua = new LinguaLanguageIdentifier(LanguageSettings.defaults());
        table = new TableLanguageIdentifier(LanguageSettings.defaults());
        detector = LanguageDetectorBuilder.fromLanguages(LinguaLanguageIdentifier.linguaLanguages(
                LanguageSettings.defaults().languages()).toArray(new Language[0])).withLowAccuracyMode().build();
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
            assertThat(sameConfidenceValues(text)).as(text).isTrue();
        }
    }

    @Test
    void sameAnswersOnGeneratedMultilingualText() {
        GeneratedText generator = new GeneratedText(new Random(20261123L), examples);
        int determined = 0;
        int byScoring = 0;
        int bitIdentical = 0;
        for (int i = 0; i < 3000; i++) {
            String text = generator.next();
            LanguageIdentifier.Identified expected = assertSameAnswer(text);
            if (sameConfidenceValues(text)) {
                bitIdentical++;
            }
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
        // every candidate's confidence (the ratio of trigram sums) identical to the last bit: same sums in the
        // same order, but for lingua's own identity-hash ordering when eight or more trigrams share a hash
        // bucket (rare: about one long text in 10,000)
        assertThat(bitIdentical).isGreaterThanOrEqualTo(2995);
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
    void candidateFilterEqualsLinguasOnGeneratedWords() {
        LinguaRules rules = new LinguaRules(LinguaLanguageIdentifier.linguaLanguages(LanguageSettings.defaults().languages()));
        GeneratedText generator = new GeneratedText(new Random(99), examples);
        java.util.Set<java.util.Set<com.github.pemistahl.lingua.api.Language>> distinctAnswers = new java.util.HashSet<>();
        for (int i = 0; i < 5000; i++) {
            java.util.List<String> words = rules.words(rules.cleanUp(generator.next()));
            java.util.Set<com.github.pemistahl.lingua.api.Language> expected = rules.linguaCandidates(words);
            assertThat(rules.candidates(words)).as("candidates of %s", words).isEqualTo(expected);
            distinctAnswers.add(expected);
        }
        // many different outcomes of the rule, not one answer for everything
        assertThat(distinctAnswers.size()).isGreaterThan(15);
    }

    @Test
    void languageByRulesEqualsLinguasOnGeneratedWords() {
        LinguaRules rules = new LinguaRules(LinguaLanguageIdentifier.linguaLanguages(LanguageSettings.defaults().languages()));
        GeneratedText generator = new GeneratedText(new Random(101), examples);
        java.util.Set<Language> distinctAnswers = java.util.EnumSet.noneOf(Language.class);
        for (int i = 0; i < 5000; i++) {
            java.util.List<String> words = rules.words(rules.cleanUp(generator.next()));
            Language expected = rules.linguaDetectByRules(words);
            assertThat(rules.detectByRules(words)).as("language by rules of %s", words).isEqualTo(expected);
            distinctAnswers.add(expected);
        }
        // the rules decide for several scripts and unique characters, and decline (UNKNOWN) too
        assertThat(distinctAnswers).contains(Language.UNKNOWN, Language.GREEK, Language.HEBREW, Language.THAI,
                Language.JAPANESE, Language.KOREAN);
        assertThat(distinctAnswers.size()).isGreaterThan(8);
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

    /**
     * lingua's confidence of every candidate language against the table's: the same languages, each value
     * within 1e-6; true when all are identical to the last bit.
     */
    private static boolean sameConfidenceValues(String text) {
        String sample = LinguaLanguageIdentifier.sample(text, LanguageSettings.defaults().sampleChars());
        java.util.Map<Language, Double> expected = new java.util.HashMap<>(detector.computeLanguageConfidenceValues(sample));
        assertThat(lingua.confidenceValues(text)).isEqualTo(expected);
        java.util.Map<Language, Double> actual = table.confidenceValues(text);
        assertThat(actual.keySet()).as("candidates of '%s'", text).isEqualTo(expected.keySet());
        for (Language language : expected.keySet()) {
            assertThat(actual.get(language)).as("confidence in %s of '%s'", language, text)
                    .isCloseTo(expected.get(language), org.assertj.core.data.Offset.offset(1e-6));
        }
        return actual.equals(expected);
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
