package org.gleaner.builder.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityMeterTest {
    private static final String PROSE = """
            The council met on Tuesday to discuss the new rules for the water supply of the town.
            After a long debate, the members agreed that the plan should be adopted with two changes.
            The first change concerns the price of water for farms, which will rise more slowly than planned.
            The second change gives households a year to replace old pipes that have lead in them.
            The mayor said that the town would help families with the cost and publish a guide in the spring.
            Residents can read the full plan at the library and send comments until the end of the month.""";

    private final QualityThresholds defaults = QualityThresholds.defaults();

    @Test
    void cleanProsePassesEveryDefaultRule() {
        QualitySignals s = QualityMeter.measure(PROSE);

        assertThat(s.get("word_count")).isEqualTo(PROSE.split("\\s+").length);
        assertThat(s.get("alpha_words_ratio")).isEqualTo(1.0);
        assertThat(s.get("dup_line_ratio")).isZero();
        assertThat(s.get("c4_sentence_count")).isEqualTo(6);
        assertThat(s.get("fw_line_punct_ratio")).isEqualTo(1.0);
        assertThat(defaults.failures(s, "en")).isEmpty();
    }

    @Test
    void repeatedLinesAndNgramsAreMeasuredAndFailTheRepetitionRules() {
        String spam = (PROSE + "\n").repeat(3) + "Buy now and save big today\n".repeat(10);

        QualitySignals s = QualityMeter.measure(spam);

        assertThat(s.get("dup_line_ratio")).isCloseTo(21.0 / 28.0, within(1e-9));
        assertThat(s.get("dup_10gram_char_ratio")).isGreaterThan(0.9);
        assertThat(defaults.failures(s, "en")).contains("max:dup_line_ratio", "max:dup_line_char_ratio",
                "max:dup_5gram_char_ratio", "max:fw_dup_line_char_ratio");
    }

    @Test
    void menusOfShortLinesFailTheLineRules() {
        String menu = "Home\nAbout us\nProducts\nContact\nNews\nJobs\nLogin\n".repeat(5);

        QualitySignals s = QualityMeter.measure(menu);

        assertThat(s.get("fw_short_line_ratio")).isEqualTo(1.0);
        assertThat(defaults.failures(s, "en")).contains("min:word_count", "max:fw_short_line_ratio",
                "min:fw_line_punct_ratio", "min:c4_sentence_count");
    }

    @Test
    void loremIpsumCodeAndSymbolsAreFlagged() {
        QualitySignals s = QualityMeter.measure("Lorem ipsum dolor sit amet. function f() { return 1; } #tag #tag ...");

        assertThat(s.get("c4_lorem_ipsum")).isEqualTo(1.0);
        assertThat(s.get("c4_curly_bracket")).isEqualTo(1.0);
        assertThat(s.get("symbol_word_ratio")).isGreaterThan(0.1);
        assertThat(defaults.failures(s, "en")).contains("max:c4_lorem_ipsum", "max:c4_curly_bracket",
                "max:symbol_word_ratio");
    }

    @Test
    void theStopWordRuleAppliesToEnglishOnly() {
        String german = PROSE.replaceAll("\\b(the|The|that|to|of|and|with|have|be)\\b", "das");
        QualitySignals s = QualityMeter.measure(german);

        assertThat(defaults.failures(s, "en")).contains("min:stop_word_count");
        assertThat(defaults.failures(s, "de")).doesNotContain("min:stop_word_count");
    }

    @Test
    void thresholdsAreConfigurationAndRefuseUnknownSignals() {
        QualityThresholds lenient = new QualityThresholds(Map.of("word_count", 5.0), Map.of(), true);
        QualitySignals s = QualityMeter.measure("Short but complete sentence here.");

        assertThat(defaults.failures(s, "en")).contains("min:word_count");
        assertThat(lenient.failures(s, "en")).isEmpty();
        assertThatThrownBy(() -> new QualityThresholds(Map.of("no_such_signal", 1.0), Map.of(), true))
                .hasMessageContaining("no_such_signal");
    }

    @Test
    void emptyTextGivesZerosNotErrors() {
        QualitySignals s = QualityMeter.measure("");

        assertThat(s.get("word_count")).isZero();
        assertThat(s.get("mean_word_length")).isZero();
    }
}
