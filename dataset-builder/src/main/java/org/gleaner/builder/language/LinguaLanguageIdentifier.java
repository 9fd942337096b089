package org.gleaner.builder.language;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * Language identification with lingua (n-gram models in the jar, no network): the most likely of the
 * configured languages and lingua's confidence for it, calibrated for the length of the text
 * ({@link #calibrate}). Below {@code minScore} the document is {@code und}.
 * Only the first {@code sampleChars} characters are read, cut at a word boundary.
 */
public final class LinguaLanguageIdentifier implements LanguageIdentifier {
    private final LanguageDetector detector;
    private final LanguageSettings settings;

    public LinguaLanguageIdentifier(LanguageSettings settings) {
        this.settings = settings;
        List<Language> languages = linguaLanguages(settings.languages());
        LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromLanguages(languages.toArray(new Language[0]));
        if (settings.lowAccuracy()) {
            builder = builder.withLowAccuracyMode();
        }
        this.detector = builder.build();
    }

    /** lingua's languages for ISO 639-1 codes, in the same order. */
    static List<Language> linguaLanguages(List<String> codes) {
        List<Language> languages = new ArrayList<>();
        for (String code : codes) {
            languages.add(Language.getByIsoCode639_1(isoCode(code)));
        }
        return languages;
    }

    static String code(Language language) {
        return language.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
    }

    private static IsoCode639_1 isoCode(String code) {
        try {
            return IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lingua does not know the language '" + code + "'", e);
        }
    }

    /** Recorded in a build's manifest: lingua's own detector. */
    public static final String NAME = "lingua";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LanguageSettings settings() {
        return settings;
    }

    @Override
    public Identified identify(String text) {
        String sample = sample(text, settings.sampleChars());
        if (sample.isBlank()) {
            return Identified.UNDETERMINED;
        }
        SortedMap<Language, Double> confidences = detector.computeLanguageConfidenceValues(sample);
        if (confidences.isEmpty()) {
            return Identified.UNDETERMINED;
        }
        Map.Entry<Language, Double> best = null;
        for (Map.Entry<Language, Double> e : confidences.entrySet()) {
            if (best == null || e.getValue() > best.getValue()) {
                best = e;
            }
        }
        double score = calibrate(best.getValue(), letters(sample));
        if (score < settings.minScore() || best.getKey() == Language.UNKNOWN) {
            return new Identified("und", score);
        }
        return new Identified(code(best.getKey()), score);
    }

    /** lingua's confidence in every candidate language for the text's sample (unordered). */
    public Map<Language, Double> confidenceValues(String text) {
        return new HashMap<>(detector.computeLanguageConfidenceValues(sample(text, settings.sampleChars())));
    }

    /**
     * lingua's confidence is relative to the other candidates, not a probability of being right: on our
     * hand-written examples (test resource {@code language/labelled.tsv}) it gave 1.0 to wrong answers for
     * two- and three-word strings in low-accuracy mode. The length of the evidence is what it misses, so the
     * confidence is scaled by the share of {@value #FULL_CONFIDENCE_LETTERS} letters the text has.
     */
    static double calibrate(double raw, int letters) {
        double evidence = Math.min(1.0, letters / (double) FULL_CONFIDENCE_LETTERS);
        return Math.max(0, Math.min(1, raw)) * evidence;
    }

    static final int FULL_CONFIDENCE_LETTERS = 60;

    static int letters(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    static String sample(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max);
        return text.substring(0, cut > max / 2 ? cut : max);
    }
}
