package org.gleaner.builder.language;

/** Names the language of a document's text. Implementations are thread-safe. */
public interface LanguageIdentifier {

    /** The language as an ISO 639-1 code ({@code "und"} when undetermined) and a confidence in [0, 1]. */
    record Identified(String code, Double score) {
        public static final Identified UNDETERMINED = new Identified("und", null);
    }

    Identified identify(String text);

    /** Identifies nothing: every text is {@code und}. For builds that do not need languages. */
    LanguageIdentifier NONE = text -> Identified.UNDETERMINED;
}
