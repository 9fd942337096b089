package org.gleaner.builder.quality;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Parses a quality configuration: {@code key = value} lines, {@code #} comment lines, blank lines. Keys are
 * {@code action} ({@code flag} or {@code drop}), {@code stop_words_for_english_only} ({@code true} or
 * {@code false}), and {@code min.<signal>} / {@code max.<signal>} with a finite decimal for any of
 * {@link QualitySignals#NAMES}. Strict: an unknown key, a repeated key, a malformed value or a minimum above
 * its maximum is an error naming the line, so a typo never silently turns a rule off. {@code action} and
 * {@code stop_words_for_english_only} are required, so a file says everything it means.
 */
final class QualityConfig {
    private static final int MAX_LINE = 1_000;

    private QualityConfig() {
    }

    static QualityPolicy parse(String text, String source) throws QualityConfigException {
        Map<String, Double> minimums = new TreeMap<>();
        Map<String, Double> maximums = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        QualityAction action = null;
        Boolean stopWordsEnglishOnly = null;
        String[] lines = text.split("\r?\n", -1);
        for (int n = 1; n <= lines.length; n++) {
            String line = lines[n - 1].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + n;
            if (line.length() > MAX_LINE) {
                throw new QualityConfigException(where + ": longer than " + MAX_LINE + " characters");
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new QualityConfigException(where + ": expected 'key = value'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (!seen.add(key)) {
                throw new QualityConfigException(where + ": '" + key + "' is set twice");
            }
            if (key.equals("action")) {
                action = action(value, where);
            } else if (key.equals("stop_words_for_english_only")) {
                stopWordsEnglishOnly = bool(value, where);
            } else if (key.startsWith("min.") || key.startsWith("max.")) {
                String signal = key.substring(4);
                if (!QualitySignals.NAMES.contains(signal)) {
                    throw new QualityConfigException(where + ": no quality signal named '" + signal + "'");
                }
                (key.startsWith("min.") ? minimums : maximums).put(signal, number(value, where));
            } else {
                throw new QualityConfigException(where + ": unknown key '" + key + "'");
            }
        }
        if (action == null) {
            throw new QualityConfigException(source + ": 'action' (flag or drop) is required");
        }
        if (stopWordsEnglishOnly == null) {
            throw new QualityConfigException(source + ": 'stop_words_for_english_only' (true or false) is required");
        }
        for (Map.Entry<String, Double> min : minimums.entrySet()) {
            Double max = maximums.get(min.getKey());
            if (max != null && min.getValue() > max) {
                throw new QualityConfigException(source + ": min." + min.getKey() + " " + min.getValue()
                        + " is above max." + min.getKey() + " " + max + ": no document could pass");
            }
        }
        return new QualityPolicy(new QualityThresholds(minimums, maximums, stopWordsEnglishOnly), action);
    }

    private static QualityAction action(String value, String where) throws QualityConfigException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "flag" -> QualityAction.FLAG;
            case "drop" -> QualityAction.DROP;
            default -> throw new QualityConfigException(where + ": action must be flag or drop, not '" + value + "'");
        };
    }

    private static boolean bool(String value, String where) throws QualityConfigException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new QualityConfigException(where + ": expected true or false, not '" + value + "'");
        };
    }

    private static double number(String value, String where) throws QualityConfigException {
        if (!value.matches("-?(\\d{1,15}(\\.\\d{0,15})?|\\.\\d{1,15})")) {
            throw new QualityConfigException(where + ": expected a decimal number, not '" + value + "'");
        }
        return Double.parseDouble(value);
    }
}
