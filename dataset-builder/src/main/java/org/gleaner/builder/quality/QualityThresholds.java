package org.gleaner.builder.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Filtering thresholds as data: for each signal a minimum and/or maximum. {@link #defaults()} are the values
 * published with the rules (Gopher, C4, FineWeb, as datatrove sets them). A lab or operator overrides any of
 * them without code; the manifest records the set used.
 */
public record QualityThresholds(Map<String, Double> minimums, Map<String, Double> maximums,
        boolean stopWordsForEnglishOnly) {

    public QualityThresholds {
        minimums = Map.copyOf(minimums);
        maximums = Map.copyOf(maximums);
        for (String name : minimums.keySet()) {
            check(name);
        }
        for (String name : maximums.keySet()) {
            check(name);
        }
    }

    private static void check(String name) {
        if (!QualitySignals.NAMES.contains(name)) {
            throw new IllegalArgumentException("no quality signal named '" + name + "'");
        }
    }

    public static QualityThresholds defaults() {
        Map<String, Double> min = new TreeMap<>();
        Map<String, Double> max = new TreeMap<>();
        // Gopher quality
        min.put("word_count", 50.0);
        max.put("word_count", 100_000.0);
        min.put("mean_word_length", 3.0);
        max.put("mean_word_length", 10.0);
        max.put("symbol_word_ratio", 0.1);
        max.put("bullet_lines_ratio", 0.9);
        max.put("ellipsis_lines_ratio", 0.3);
        min.put("alpha_words_ratio", 0.8);
        min.put("stop_word_count", 2.0);
        // Gopher repetition
        max.put("dup_line_ratio", 0.3);
        max.put("dup_line_char_ratio", 0.2);
        max.put("top_2gram_char_ratio", 0.20);
        max.put("top_3gram_char_ratio", 0.18);
        max.put("top_4gram_char_ratio", 0.16);
        max.put("dup_5gram_char_ratio", 0.15);
        max.put("dup_6gram_char_ratio", 0.14);
        max.put("dup_7gram_char_ratio", 0.13);
        max.put("dup_8gram_char_ratio", 0.12);
        max.put("dup_9gram_char_ratio", 0.11);
        max.put("dup_10gram_char_ratio", 0.10);
        // C4 (document level; C4's line filter is reported as the share of lines it would keep)
        max.put("c4_lorem_ipsum", 0.0);
        max.put("c4_curly_bracket", 0.0);
        min.put("c4_sentence_count", 5.0);
        // FineWeb
        min.put("fw_line_punct_ratio", 0.12);
        max.put("fw_short_line_ratio", 0.67);
        max.put("fw_dup_line_char_ratio", 0.01);
        max.put("fw_newline_word_ratio", 0.3);
        return new QualityThresholds(min, max, true);
    }

    /** The names of the rules a document fails, like {@code "max:dup_line_ratio"}; empty when it passes. */
    public List<String> failures(QualitySignals signals, String language) {
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, Double> e : new TreeMap<>(minimums).entrySet()) {
            if (e.getKey().equals("stop_word_count") && stopWordsForEnglishOnly && !"en".equals(language)) {
                continue;
            }
            if (signals.get(e.getKey()) < e.getValue()) {
                failed.add("min:" + e.getKey());
            }
        }
        for (Map.Entry<String, Double> e : new TreeMap<>(maximums).entrySet()) {
            if (signals.get(e.getKey()) > e.getValue()) {
                failed.add("max:" + e.getKey());
            }
        }
        return failed;
    }
}
