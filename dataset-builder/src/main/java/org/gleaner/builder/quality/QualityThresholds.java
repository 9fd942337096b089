package org.gleaner.builder.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Filtering thresholds as data: for each signal a minimum and/or maximum. {@link #defaults()} are the values
 * published with the rules (Gopher, C4, FineWeb, as datatrove sets them), read from a configuration file like
 * any other set ({@link QualityPolicy#load}); the manifest records the set used.
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

    /**
     * The thresholds published with the rules (Gopher, C4, FineWeb): those of the configuration file
     * {@code default-quality.properties} ({@link QualityPolicy#defaults()}).
     */
    public static QualityThresholds defaults() {
        return QualityPolicy.defaults().thresholds();
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
