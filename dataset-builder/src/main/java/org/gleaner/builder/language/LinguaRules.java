package org.gleaner.builder.language;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import com.github.pemistahl.lingua.internal.Constant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * lingua's own text clean-up, word splitting and rules (a language told by its alphabet or unique characters;
 * candidates narrowed by alphabet and characters), called on a detector of the same languages that never
 * scores and so never loads a model; the two rules are lingua's, recounted by {@link LanguageByRules} and
 * {@link CandidateLanguages} (together they were three quarters of the table identifier's CPU). These are Kotlin {@code internal} functions, public in lingua 1.2.2's
 * bytecode under their {@code $lingua} names; calling them keeps the rules exactly lingua's instead of a copy
 * that could drift. The equivalence test against {@link LinguaLanguageIdentifier} fails if a lingua upgrade
 * changes them.
 */
final class LinguaRules {
    private static final Pattern NO_LETTER = noLetterPattern();

    private final LanguageDetector detector;
    private final CandidateLanguages candidates;
    private final LanguageByRules byRules;

    LinguaRules(List<Language> languages) {
        this.candidates = new CandidateLanguages(languages);
        this.byRules = new LanguageByRules(languages);
        this.detector = LanguageDetectorBuilder.fromLanguages(languages.toArray(new Language[0]))
                .withLowAccuracyMode().build();
    }

    /** Trimmed, lower case, without punctuation and digits, runs of white space as one space. */
    String cleanUp(String text) {
        return detector.cleanUpInputText$lingua(text);
    }

    static boolean hasNoLetter(String cleanedUp) {
        return NO_LETTER.matcher(cleanedUp).matches();
    }

    List<String> words(String cleanedUp) {
        return detector.splitTextIntoWords$lingua(cleanedUp);
    }

    /** The language the rules are sure of, or {@link Language#UNKNOWN}: lingua's rule, counted faster. */
    Language detectByRules(List<String> words) {
        return byRules.of(words);
    }

    /** lingua's own {@code detectLanguageWithRules}, which {@link #detectByRules} must equal. */
    Language linguaDetectByRules(List<String> words) {
        return detector.detectLanguageWithRules$lingua(words);
    }

    /** The candidates left after the alphabet and character rules: lingua's, counted faster. */
    Set<Language> candidates(List<String> words) {
        return candidates.of(words);
    }

    /** lingua's own {@code filterLanguagesByRules}, which {@link #candidates} must equal. */
    Set<Language> linguaCandidates(List<String> words) {
        return detector.filterLanguagesByRules$lingua(words);
    }

    private static Pattern noLetterPattern() {
        try {
            Object regex = Constant.class.getMethod("getNO_LETTER").invoke(Constant.INSTANCE);
            return (Pattern) regex.getClass().getMethod("toPattern").invoke(regex);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this lingua has no Constant.NO_LETTER: the table identifier is written "
                    + "for lingua 1.2.2", e);
        }
    }
}
