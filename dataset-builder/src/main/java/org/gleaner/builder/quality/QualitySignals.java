package org.gleaner.builder.quality;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The quality signals of one document, stored as {@code q_<name>} columns so that a lab can filter again with
 * its own thresholds. Names follow the rules they come from: Gopher's quality and repetition rules
 * (Rae et al. 2021), C4's line and document rules (Raffel et al. 2020) and FineWeb's additional rules
 * (Penedo et al. 2024), as datatrove implements them. Values are in {@link #NAMES} order.
 */
public final class QualitySignals {
    public static final List<String> NAMES = List.of(
            "word_count", "mean_word_length", "symbol_word_ratio", "bullet_lines_ratio", "ellipsis_lines_ratio",
            "alpha_words_ratio", "stop_word_count",
            "dup_line_ratio", "dup_line_char_ratio",
            "top_2gram_char_ratio", "top_3gram_char_ratio", "top_4gram_char_ratio",
            "dup_5gram_char_ratio", "dup_6gram_char_ratio", "dup_7gram_char_ratio", "dup_8gram_char_ratio",
            "dup_9gram_char_ratio", "dup_10gram_char_ratio",
            "c4_kept_lines_ratio", "c4_lorem_ipsum", "c4_curly_bracket", "c4_sentence_count",
            "fw_line_punct_ratio", "fw_short_line_ratio", "fw_dup_line_char_ratio", "fw_newline_word_ratio");

    private final double[] values;

    QualitySignals(double[] values) {
        if (values.length != NAMES.size()) {
            throw new IllegalArgumentException("expected " + NAMES.size() + " values, got " + values.length);
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("quality signals must be finite");
            }
        }
        this.values = values.clone();
    }

    public double get(String name) {
        int i = NAMES.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no quality signal named " + name);
        }
        return values[i];
    }

    public double get(int index) {
        return values[index];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QualitySignals q && Arrays.equals(values, q.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("QualitySignals{");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(NAMES.get(i)).append('=').append(values[i]);
        }
        return sb.append('}').toString();
    }

    /** Signals from values in {@link #NAMES} order (for readers of dataset files). */
    public static QualitySignals of(double... values) {
        return new QualitySignals(Objects.requireNonNull(values));
    }
}
