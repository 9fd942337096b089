package org.gleaner.builder.manifest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gleaner.builder.dedup.MinHasher;
import org.gleaner.builder.dedup.NearDuplicates;
import org.gleaner.builder.language.LanguageSettings;
import org.gleaner.builder.pii.PrivacySettings;
import org.gleaner.builder.quality.QualityAction;
import org.gleaner.builder.quality.QualityPolicy;
import org.gleaner.builder.quality.QualityThresholds;

/**
 * The build settings that decide which pages become rows and what the rows hold, as the manifest's
 * {@code filters} tree. Written field by field (no reflection) so that a new setting is a deliberate change of
 * the manifest; decimals are written as strings so that the canonical JSON holds no floats.
 */
public final class BuildFilters {
    private BuildFilters() {
    }

    /**
     * @param extractor        the text extractor's name
     * @param languageIdentifier the language identifier's name ({@code none} when rows all say {@code und})
     * @param language         the identifier's settings (lingua's or the table's over lingua's models), or null when it has none
     * @param thresholds       the quality thresholds rows are flagged under
     * @param receiptOrigin    the network origin receipts are verified for, or null when they are not checked
     */
    public static Map<String, Object> describe(String extractor, String languageIdentifier, LanguageSettings language,
            QualityThresholds thresholds, String receiptOrigin) {
        return describe(extractor, languageIdentifier, language, thresholds, receiptOrigin, PrivacySettings.DEFAULTS);
    }

    /** As above, with the personal-data and AI-use policy the rows were filtered under. */
    public static Map<String, Object> describe(String extractor, String languageIdentifier, LanguageSettings language,
            QualityThresholds thresholds, String receiptOrigin, PrivacySettings privacy) {
        return describe(extractor, languageIdentifier, language, new QualityPolicy(thresholds, QualityAction.FLAG),
                receiptOrigin, privacy);
    }

    /** As above, with the quality policy (thresholds and whether failing rows were flagged or dropped). */
    public static Map<String, Object> describe(String extractor, String languageIdentifier, LanguageSettings language,
            QualityPolicy quality, String receiptOrigin, PrivacySettings privacy) {
        Map<String, Object> filters = new TreeMap<>();
        filters.put("extractor", extractor);
        Map<String, Object> lang = language == null ? new TreeMap<>() : language(language);
        lang.put("identifier", languageIdentifier);
        filters.put("language", lang);
        filters.put("quality", quality(quality));
        filters.put("dedup", dedup());
        filters.put("receipt_origin", receiptOrigin);
        filters.put("privacy", privacy(privacy));
        return filters;
    }

    private static Map<String, Object> privacy(PrivacySettings p) {
        Map<String, Object> m = new TreeMap<>();
        m.put("purpose", p.purpose());
        m.put("policy", p.policy().name());
        m.put("phone_region", p.phoneRegion());
        m.put("detectors", List.of("email", "phone (libphonenumber, valid numbers)", "ip", "social handle"));
        m.put("consent_source", p.consent() == null
                ? "none: every identifier found is treated as unlicensed"
                : "consent lookup as of the build's checkpoint");
        m.put("site_ai_signals", "for train-ai and train-genai: X-Robots-Tag noai, Content-Usage train-ai=n, "
                + "tdm-reservation 1 and robots.txt rules for AI agents exclude a page");
        return m;
    }

    private static Map<String, Object> language(LanguageSettings s) {
        Map<String, Object> m = new TreeMap<>();
        m.put("languages", List.copyOf(s.languages()));
        m.put("low_accuracy", s.lowAccuracy());
        m.put("min_score", decimal(s.minScore()));
        m.put("sample_chars", (long) s.sampleChars());
        return m;
    }

    private static Map<String, Object> quality(QualityPolicy policy) {
        QualityThresholds t = policy.thresholds();
        Map<String, Object> m = new TreeMap<>();
        m.put("minimums", decimals(t.minimums()));
        m.put("maximums", decimals(t.maximums()));
        m.put("stop_words_for_english_only", t.stopWordsForEnglishOnly());
        m.put("action", policy.action() == QualityAction.FLAG ? "flag (quality_flags column); rows are kept"
                : "drop: rows failing a rule are left out (counted per rule in the build result)");
        return m;
    }

    private static Map<String, Object> dedup() {
        Map<String, Object> m = new TreeMap<>();
        m.put("url", "normalized URL, first read wins");
        m.put("exact", "SHA-256 of the NFKC, lower-cased, punctuation-free text, first read wins");
        Map<String, Object> near = new TreeMap<>();
        near.put("method", "minhash-lsh");
        near.put("shingle_words", (long) MinHasher.SHINGLE_WORDS);
        near.put("hashes", (long) MinHasher.HASHES);
        near.put("bands", (long) NearDuplicates.BANDS);
        near.put("rows_per_band", (long) NearDuplicates.ROWS_PER_BAND);
        m.put("near", near);
        return m;
    }

    private static Map<String, Object> decimals(Map<String, Double> values) {
        Map<String, Object> m = new TreeMap<>();
        values.forEach((k, v) -> m.put(k, decimal(v)));
        return m;
    }

    static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
