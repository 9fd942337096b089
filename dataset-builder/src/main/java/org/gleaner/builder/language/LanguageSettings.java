package org.gleaner.builder.language;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Configuration of language identification: which languages to tell apart (ISO 639-1 codes; fewer is faster
 * and lighter), lingua's low-accuracy mode (trigram models only), the confidence under which a document is
 * {@code und}, and how much of the text to look at.
 */
public record LanguageSettings(List<String> languages, boolean lowAccuracy, double minScore, int sampleChars) {
    private static final Pattern CODE = Pattern.compile("[a-z]{2}");

    /** The languages of most of the web's pages (the large languages of Common Crawl's statistics). */
    public static final List<String> COMMON_WEB_LANGUAGES = List.of("en", "de", "fr", "es", "it", "pt", "nl",
            "pl", "ru", "uk", "cs", "sv", "da", "nb", "fi", "hu", "ro", "el", "tr", "ar", "fa", "he", "hi",
            "id", "vi", "th", "ja", "zh", "ko");

    public LanguageSettings {
        Objects.requireNonNull(languages, "languages");
        if (languages.size() < 2) {
            throw new IllegalArgumentException("at least two languages are needed to tell them apart");
        }
        languages = languages.stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).toList();
        for (String code : languages) {
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("not an ISO 639-1 code: '" + code + "'");
            }
        }
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("minScore must be in [0, 1]: " + minScore);
        }
        if (sampleChars < 20) {
            throw new IllegalArgumentException("sampleChars must be at least 20: " + sampleChars);
        }
    }

    /**
     * The common web languages in low-accuracy mode (trigram models: measured 1.4 s to load and 38 MiB of heap,
     * against 22 s and 617 MiB in high-accuracy mode; lingua's own evaluation shows the two modes agree on
     * texts of sentence length and longer, which documents are), sampling the first 500 characters: on the main
     * text of 1,023 extraction-eval pages and 10,103 openjdk-17-doc pages, 500 characters name the same language
     * as 2,000 on 99.9 % and 99.8 % of them (1,000 characters: 100 % and 99.9 %), and lingua's cost grows with
     * the sample ({@code org.gleaner.bench.builder.LanguageSampleCalibration}, figures in docs/datasets.md).
     */
    public static LanguageSettings defaults() {
        return new LanguageSettings(COMMON_WEB_LANGUAGES, true, 0.5, 500);
    }
}
