package org.gleaner.builder.language;

import com.github.pemistahl.lingua.api.Language;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For every trigram, bigram and unigram of lingua's models of the configured languages, the natural logarithm
 * of each language's probability with lingua's fall-back already resolved: a language without the trigram
 * takes its probability of the trigram's first two chars, and without those its probability of the first char
 * (0 when it has none of them, which adds nothing to a sum). One look-up per n-gram of the text gives what
 * lingua finds with one to three look-ups per candidate language. Logarithms are computed as lingua does
 * ({@code (float) Math.log(p)} of the float probability), so the sums are bit for bit lingua's.
 */
final class NgramLogProbabilities {
    private final List<Language> languages;
    private final PackedNgramRows trigrams;
    private final PackedNgramRows bigrams;
    private final PackedNgramRows unigrams;

    private NgramLogProbabilities(List<Language> languages, PackedNgramRows trigrams, PackedNgramRows bigrams,
            PackedNgramRows unigrams) {
        this.languages = languages;
        this.trigrams = trigrams;
        this.bigrams = bigrams;
        this.unigrams = unigrams;
    }

    /** One table per language list and JVM, as lingua keeps one copy of its models: builders share it. */
    private static final Map<List<Language>, NgramLogProbabilities> LOADED = new ConcurrentHashMap<>();
    /** Tables kept for sharing (about 32 MiB each for 29 languages); further language lists get their own. */
    static final int MAX_SHARED_TABLES = 4;

    /** The table of the languages (one column each, in this order), read from lingua's models once per JVM. */
    static NgramLogProbabilities of(List<Language> languages) {
        List<Language> key = List.copyOf(languages);
        NgramLogProbabilities shared = LOADED.get(key);
        if (shared != null) {
            return shared;
        }
        if (LOADED.size() >= MAX_SHARED_TABLES) {
            return load(key);
        }
        return LOADED.computeIfAbsent(key, NgramLogProbabilities::load);
    }

    /** Reads lingua's unigram, bigram and trigram models of the languages (in this order, one column each). */
    private static NgramLogProbabilities load(List<Language> languages) {
        PackedNgramRows[] tables = new PackedNgramRows[4];
        for (int length = 1; length <= 3; length++) {
            List<Map<String, Float>> byLanguage = new ArrayList<>();
            for (Language language : languages) {
                byLanguage.add(LinguaModelFiles.load(language, length));
            }
            tables[length] = table(byLanguage, length, tables);
        }
        return new NgramLogProbabilities(List.copyOf(languages), tables[3], tables[2], tables[1]);
    }

    List<Language> languages() {
        return languages;
    }

    /**
     * Adds the text's trigram's resolved log-probabilities to {@code sums} (one per language), as lingua's
     * {@code computeSumOfNgramProbabilities} does per language. A trigram none of whose prefixes any model
     * knows adds nothing.
     */
    void addTrigram(char a, char b, char c, float[] sums) {
        PackedNgramRows table = trigrams;
        int start = trigrams.rowStart(PackedNgramRows.pack(a, b, c));
        if (start < 0) {
            table = bigrams;
            start = bigrams.rowStart(PackedNgramRows.pack(a, b));
        }
        if (start < 0) {
            table = unigrams;
            start = unigrams.rowStart(PackedNgramRows.pack(a));
        }
        if (start < 0) {
            return;
        }
        float[] values = table.values();
        for (int i = 0; i < sums.length; i++) {
            sums[i] += values[start + i];
        }
    }

    long heapBytes() {
        return trigrams.heapBytes() + bigrams.heapBytes() + unigrams.heapBytes();
    }

    /**
     * The table of n-grams of {@code length} chars: each language's own log-probabilities from its model, then
     * lingua's fall-back for the cells left empty, taken from the already resolved table of the longest shorter
     * prefix that any model knows ({@code shorter[k]} holds the n-grams of k chars).
     */
    private static PackedNgramRows table(List<Map<String, Float>> byLanguage, int length, PackedNgramRows[] shorter) {
        long[] keys = distinctKeys(byLanguage, length);
        int width = byLanguage.size();
        float[] rows = new float[keys.length * width];
        Arrays.fill(rows, Float.NaN);
        PackedNgramRows table = new PackedNgramRows(keys, rows, width);
        for (int language = 0; language < width; language++) {
            for (Map.Entry<String, Float> e : byLanguage.get(language).entrySet()) {
                if (e.getKey().length() == length && e.getValue() > 0) {
                    rows[table.rowStart(PackedNgramRows.pack(e.getKey())) + language] = (float) Math.log(e.getValue());
                }
            }
        }
        for (int row = 0; row < keys.length; row++) {
            for (int language = 0; language < width; language++) {
                if (Float.isNaN(rows[row * width + language])) {
                    rows[row * width + language] = fallBack(keys[row], length, language, shorter);
                }
            }
        }
        return table;
    }

    /** The resolved value of the n-gram's longest shorter prefix that a model knows, or 0 when none does. */
    private static float fallBack(long key, int length, int language, PackedNgramRows[] shorter) {
        for (int prefix = length - 1; prefix >= 1; prefix--) {
            PackedNgramRows table = shorter[prefix];
            int start = table.rowStart(key >>> (16 * (length - prefix)));
            if (start >= 0) {
                return table.values()[start + language];
            }
        }
        return 0f;
    }

    private static long[] distinctKeys(List<Map<String, Float>> byLanguage, int length) {
        int total = 0;
        for (Map<String, Float> model : byLanguage) {
            total += model.size();
        }
        long[] keys = new long[total];
        int n = 0;
        for (Map<String, Float> model : byLanguage) {
            for (String ngram : model.keySet()) {
                // lingua asks each model only for n-grams of its own length in chars
                if (ngram.length() == length) {
                    keys[n++] = PackedNgramRows.pack(ngram);
                }
            }
        }
        Arrays.sort(keys, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || keys[i] != keys[distinct - 1]) {
                keys[distinct++] = keys[i];
            }
        }
        return Arrays.copyOf(keys, distinct);
    }
}
