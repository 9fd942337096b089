package org.gleaner.builder.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QualityPolicyTest {
    private static final QualityPolicy DEFAULTS = QualityPolicy.defaults();

    @TempDir
    Path dir;

    @Test
    void defaultsComeFromTheConfigurationFileWithTheGopherC4AndFineWebThresholds() {
        QualityThresholds t = DEFAULTS.thresholds();

        assertThat(DEFAULTS.action()).isEqualTo(QualityAction.FLAG);
        assertThat(t.stopWordsForEnglishOnly()).isTrue();
        assertThat(t.minimums()).containsEntry("word_count", 50.0).containsEntry("stop_word_count", 2.0)
                .containsEntry("c4_sentence_count", 5.0).containsEntry("fw_line_punct_ratio", 0.12);
        assertThat(t.maximums()).containsEntry("word_count", 100_000.0).containsEntry("top_2gram_char_ratio", 0.20)
                .containsEntry("dup_10gram_char_ratio", 0.10).containsEntry("c4_curly_bracket", 0.0)
                .containsEntry("fw_short_line_ratio", 0.67);
        assertThat(t.minimums().size() + t.maximums().size()).isEqualTo(27);
        assertThat(QualityThresholds.defaults()).isEqualTo(t);
    }

    /** Every rule of the defaults: its signal at the threshold passes, just past it fails that rule alone. */
    static Stream<Arguments> rules() {
        List<Arguments> rules = new ArrayList<>();
        DEFAULTS.thresholds().minimums().forEach((signal, v) -> rules.add(Arguments.of("min", signal, v)));
        DEFAULTS.thresholds().maximums().forEach((signal, v) -> rules.add(Arguments.of("max", signal, v)));
        return rules.stream();
    }

    @ParameterizedTest(name = "{0}:{1} {2}")
    @MethodSource("rules")
    void eachRuleFailsJustPastItsThresholdAndOnlyItself(String bound, String signal, double threshold) {
        double past = bound.equals("min") ? threshold - 0.001 : threshold + 0.001;

        assertThat(DEFAULTS.failures(passingWith(signal, threshold), "en")).isEmpty();
        assertThat(DEFAULTS.failures(passingWith(signal, past), "en")).containsExactly(bound + ":" + signal);
    }

    /** Signals that pass every default rule, except {@code signal} set to {@code value}. */
    private static QualitySignals passingWith(String signal, double value) {
        QualityThresholds t = DEFAULTS.thresholds();
        double[] v = new double[QualitySignals.NAMES.size()];
        for (int i = 0; i < v.length; i++) {
            String name = QualitySignals.NAMES.get(i);
            Double min = t.minimums().get(name);
            Double max = t.maximums().get(name);
            v[i] = min != null ? min : max != null ? max : 0;
        }
        v[QualitySignals.NAMES.indexOf(signal)] = value;
        return QualitySignals.of(v);
    }

    @Test
    void stopWordsCountForEnglishOnlyUnlessConfiguredOtherwise() throws Exception {
        QualitySignals noStopWords = passingWith("stop_word_count", 0);
        assertThat(DEFAULTS.failures(noStopWords, "de")).isEmpty();
        assertThat(DEFAULTS.failures(noStopWords, "en")).containsExactly("min:stop_word_count");

        QualityPolicy everyLanguage = QualityConfig.parse("""
                action = drop
                stop_words_for_english_only = false
                min.stop_word_count = 2
                """, "test");
        assertThat(everyLanguage.failures(noStopWords, "de")).containsExactly("min:stop_word_count");
    }

    @Test
    void aFileSetsItsOwnThresholdsAndAction() throws Exception {
        Path file = dir.resolve("quality.properties");
        Files.writeString(file, """
                # only two rules, dropping
                action = drop
                stop_words_for_english_only = true
                min.word_count = 10
                max.fw_short_line_ratio = 0.5
                """);

        QualityPolicy policy = QualityPolicy.load(file);

        assertThat(policy.action()).isEqualTo(QualityAction.DROP);
        assertThat(policy.thresholds().minimums()).isEqualTo(Map.of("word_count", 10.0));
        assertThat(policy.thresholds().maximums()).isEqualTo(Map.of("fw_short_line_ratio", 0.5));
    }

    @Test
    void theDefaultFileLoadsAsAnyOtherFile() throws Exception {
        Path copy = dir.resolve("copy.properties");
        try (var in = QualityPolicy.class.getResourceAsStream(QualityPolicy.DEFAULTS_RESOURCE)) {
            Files.write(copy, in.readAllBytes());
        }
        assertThat(QualityPolicy.load(copy)).isEqualTo(DEFAULTS);
    }

    @Test
    void mistakesAreTypedErrorsNamingTheLine() {
        String head = "action = flag\nstop_words_for_english_only = true\n";
        assertThatThrownBy(() -> QualityConfig.parse(head + "min.word_cuont = 5\n", "f"))
                .isInstanceOf(QualityConfigException.class).hasMessage("f line 3: no quality signal named 'word_cuont'");
        assertThatThrownBy(() -> QualityConfig.parse(head + "min.word_count = 5\nmin.word_count = 6\n", "f"))
                .hasMessage("f line 4: 'min.word_count' is set twice");
        assertThatThrownBy(() -> QualityConfig.parse(head + "max.dup_line_ratio = 0,3\n", "f"))
                .hasMessage("f line 3: expected a decimal number, not '0,3'");
        assertThatThrownBy(() -> QualityConfig.parse(head + "max.dup_line_ratio = NaN\n", "f"))
                .hasMessageContaining("expected a decimal number");
        assertThatThrownBy(() -> QualityConfig.parse(head + "threshold = 3\n", "f"))
                .hasMessage("f line 3: unknown key 'threshold'");
        assertThatThrownBy(() -> QualityConfig.parse(head + "min.word_count\n", "f"))
                .hasMessage("f line 3: expected 'key = value'");
        assertThatThrownBy(() -> QualityConfig.parse(head + "min.word_count = 50\nmax.word_count = 10\n", "f"))
                .hasMessageContaining("min.word_count 50.0 is above max.word_count 10.0");
        assertThatThrownBy(() -> QualityConfig.parse("stop_words_for_english_only = true\n", "f"))
                .hasMessage("f: 'action' (flag or drop) is required");
        assertThatThrownBy(() -> QualityConfig.parse("action = keep\n", "f"))
                .hasMessage("f line 1: action must be flag or drop, not 'keep'");
        assertThatThrownBy(() -> QualityConfig.parse("action = drop\n", "f"))
                .hasMessageContaining("'stop_words_for_english_only' (true or false) is required");
    }

    @Test
    void oversizedOrMissingFilesAreRefused() throws Exception {
        Path big = dir.resolve("big.properties");
        Files.writeString(big, "# x\n".repeat(20_000));
        assertThatThrownBy(() -> QualityPolicy.load(big)).isInstanceOf(QualityConfigException.class)
                .hasMessageContaining("more than the limit of 65536");
        assertThatThrownBy(() -> QualityPolicy.load(dir.resolve("absent"))).isInstanceOf(QualityConfigException.class)
                .hasMessageContaining("cannot read");
    }
}
