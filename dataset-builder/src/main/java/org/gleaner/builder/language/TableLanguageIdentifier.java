package org.gleaner.builder.language;

import com.github.pemistahl.lingua.api.Language;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * lingua's low-accuracy identification with lingua's models and rules, scored from one table look-up per
 * trigram ({@link NgramLogProbabilities}) instead of one to three hash look-ups per trigram and candidate
 * language, and on the calling thread instead of lingua's fork-join dispatch. It names the same language with
 * the same confidence as {@link LinguaLanguageIdentifier} (same sample, same calibration, same {@code minScore}):
 * the trigram sums are added in the order lingua adds them, in float, so they are bit for bit lingua's.
 * The one exception is lingua's own: when eight or more of a text's trigrams share a bucket of its hash set,
 * lingua's order of adding depends on identity hash codes and differs from run to run in the last bits.
 */
public final class TableLanguageIdentifier implements LanguageIdentifier {
    /** Recorded in a build's manifest: lingua's models and rules, scored from this table. */
    public static final String NAME = "lingua-1.2.2-models/table";

    private final LanguageSettings settings;
    private final NgramLogProbabilities table;
    private final LinguaRules rules;
    private final int[] columnOfOrdinal;

    public TableLanguageIdentifier(LanguageSettings settings) {
        if (!settings.lowAccuracy()) {
            throw new IllegalArgumentException("the table identifier reproduces lingua's low-accuracy mode only; "
                    + "use LinguaLanguageIdentifier for high accuracy");
        }
        this.settings = settings;
        List<Language> languages = LinguaLanguageIdentifier.linguaLanguages(settings.languages());
        this.table = NgramLogProbabilities.of(languages);
        this.rules = new LinguaRules(languages);
        this.columnOfOrdinal = new int[Language.values().length];
        Arrays.fill(columnOfOrdinal, -1);
        for (int column = 0; column < languages.size(); column++) {
            columnOfOrdinal[languages.get(column).ordinal()] = column;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LanguageSettings settings() {
        return settings;
    }

    /** Heap taken by the probability table, in bytes. */
    public long tableHeapBytes() {
        return table.heapBytes();
    }

    boolean sharesTableWith(TableLanguageIdentifier other) {
        return table == other.table;
    }

    @Override
    public Identified identify(String text) {
        String sample = LinguaLanguageIdentifier.sample(text, settings.sampleChars());
        if (sample.isBlank()) {
            return Identified.UNDETERMINED;
        }
        Confidence best = mostLikely(sample);
        if (best == null) {
            return Identified.UNDETERMINED;
        }
        double score = LinguaLanguageIdentifier.calibrate(best.value(), LinguaLanguageIdentifier.letters(sample));
        if (score < settings.minScore()) {
            return new Identified("und", score);
        }
        return new Identified(LinguaLanguageIdentifier.code(best.language()), score);
    }

    private record Confidence(Language language, double value) {}

    /**
     * lingua's outcome before its ranking: a language the rules are sure of ({@code sums} null), or the
     * candidates with their trigram sums (indexed by column).
     */
    private record Outcome(Language byRules, Set<Language> candidates, float[] sums) {}

    /** What lingua's {@code computeLanguageConfidenceValues} ranks first, or null when it returns nothing. */
    private Confidence mostLikely(String sample) {
        Outcome outcome = outcome(sample);
        if (outcome == null) {
            return null;
        }
        return outcome.byRules() != null ? new Confidence(outcome.byRules(), 1.0)
                : highestConfidence(outcome.candidates(), outcome.sums());
    }

    /**
     * The confidence of every candidate language in the text's sample, as lingua's
     * {@code computeLanguageConfidenceValues} gives it (unordered; empty when lingua's is), from the same outcome
     * {@link #identify} ranks: what the equivalence test and the bench compare with
     * {@link LinguaLanguageIdentifier#confidenceValues}, language by language.
     */
    public Map<Language, Double> confidenceValues(String text) {
        Outcome outcome = outcome(LinguaLanguageIdentifier.sample(text, settings.sampleChars()));
        Map<Language, Double> values = new EnumMap<>(Language.class);
        if (outcome == null) {
            return values;
        }
        if (outcome.byRules() != null) {
            values.put(outcome.byRules(), 1.0);
            return values;
        }
        float highest = highestSum(outcome.candidates(), outcome.sums());
        for (Language language : outcome.candidates()) {
            float sum = outcome.sums()[columnOfOrdinal[language.ordinal()]];
            if (sum < 0) {
                values.put(language, (double) (highest / sum));
            }
        }
        return values;
    }

    private Outcome outcome(String sample) {
        String cleaned = rules.cleanUp(sample);
        if (cleaned.isEmpty() || LinguaRules.hasNoLetter(cleaned)) {
            return null;
        }
        List<String> words = rules.words(cleaned);
        Language byRules = rules.detectByRules(words);
        if (byRules != Language.UNKNOWN) {
            return new Outcome(byRules, null, null);
        }
        Set<Language> candidates = rules.candidates(words);
        if (candidates.size() == 1) {
            return new Outcome(candidates.iterator().next(), null, null);
        }
        if (cleaned.length() < 3) {
            return null;
        }
        return new Outcome(null, candidates, trigramSums(cleaned));
    }

    /**
     * Per language, the sum of the log-probabilities of the text's distinct all-letter trigrams, added in the
     * iteration order of the {@link HashSet} lingua collects them in (same insertions, same hash codes).
     */
    private float[] trigramSums(String cleaned) {
        Set<String> trigrams = new HashSet<>();
        for (int i = 0; i + 3 <= cleaned.length(); i++) {
            if (allLetters(cleaned, i, i + 3)) {
                trigrams.add(cleaned.substring(i, i + 3));
            }
        }
        float[] sums = new float[table.languages().size()];
        for (String trigram : trigrams) {
            table.addTrigram(trigram.charAt(0), trigram.charAt(1), trigram.charAt(2), sums);
        }
        return sums;
    }

    /** lingua's {@code \p{L}+} on the window: every code point a letter (a lone surrogate is not). */
    private static boolean allLetters(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                return s.substring(from, to).codePoints().allMatch(Character::isLetter);
            }
            if (!Character.isLetter(c)) {
                return false;
            }
        }
        return true;
    }

    /** The highest sum below 0 among the candidates, or negative infinity when none is below 0. */
    private float highestSum(Set<Language> candidates, float[] sums) {
        float highest = Float.NEGATIVE_INFINITY;
        for (Language language : candidates) {
            float sum = sums[columnOfOrdinal[language.ordinal()]];
            if (sum < 0) {
                highest = Math.max(highest, sum);
            }
        }
        return highest;
    }

    /**
     * lingua's ranking: sums below 0 count; a language's confidence is the highest sum divided by its own
     * (in float); the first is the highest confidence, ties going to the language first in lingua's enum.
     */
    private Confidence highestConfidence(Set<Language> candidates, float[] sums) {
        float highest = highestSum(candidates, sums);
        if (highest == Float.NEGATIVE_INFINITY) {
            return null;
        }
        Language best = null;
        double bestConfidence = -1;
        for (Language language : candidates) {
            float sum = sums[columnOfOrdinal[language.ordinal()]];
            if (sum < 0) {
                double confidence = highest / sum;
                if (confidence > bestConfidence
                        || (confidence == bestConfidence && language.ordinal() < best.ordinal())) {
                    best = language;
                    bestConfidence = confidence;
                }
            }
        }
        return new Confidence(best, bestConfidence);
    }
}
