package org.gleaner.builder.language;

/** Names the language of a document's text. Implementations are thread-safe. */
public interface LanguageIdentifier {

    /** The language as an ISO 639-1 code ({@code "und"} when undetermined) and a confidence in [0, 1]. */
    record Identified(String code, Double score) {
        public static final Identified UNDETERMINED = new Identified("und", null);
    }

    Identified identify(String text);

    /** The identifier's name as a build's manifest records it. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** The settings a build's manifest records, or null when the identifier has none. */
    default LanguageSettings settings() {
        return null;
    }

    /**
     * The builder's default: lingua's models and rules with the table scorer ({@link TableLanguageIdentifier},
     * lingua's answers at a fraction of its CPU) on the default settings.
     */
    static LanguageIdentifier defaults() {
        return new TableLanguageIdentifier(LanguageSettings.defaults());
    }

    /** Identifies nothing: every text is {@code und}. For builds that do not need languages. */
    LanguageIdentifier NONE = text -> Identified.UNDETERMINED;
}
