package org.gleaner.builder.language;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.internal.Alphabet;
import com.github.pemistahl.lingua.internal.Constant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * lingua 1.2.2's {@code filterLanguagesByRules}, rewritten to count instead of search (it was half of the table
 * identifier's CPU): the configured languages written in the text's most frequent alphabet, narrowed to those
 * whose characteristic characters ({@code Constant.CHARS_TO_LANGUAGES_MAPPING}, e.g. "ß" for German) occur often
 * enough. lingua tests every word against every alphabet and every characteristic character; here each word's
 * alphabet is one script look-up per char and each characteristic character's word count is taken in one pass.
 * The counts and thresholds are lingua's, so the set is the same; the equivalence test checks it.
 */
final class CandidateLanguages {
    private final Set<Language> languages;
    private final Map<Alphabet, Set<Language>> languagesOfAlphabet = new EnumMap<>(Alphabet.class);
    /** Index of a characteristic char, or -1; over all chars of lingua's mapping. */
    private final short[] indexOfChar = new short[Character.MAX_VALUE + 1];
    private final int distinctChars;
    /** Per mapping entry: the indices of its chars (repeats kept: lingua counts a repeated char twice). */
    private final int[][] charsOfEntry;
    /** Per mapping entry: its configured languages. */
    private final Language[][] languagesOfEntry;

    CandidateLanguages(List<Language> configured) {
        this.languages = java.util.Collections.unmodifiableSet(EnumSet.copyOf(configured));
        for (Alphabet alphabet : Alphabet.values()) {
            Set<Language> written = EnumSet.noneOf(Language.class);
            for (Language language : configured) {
                if (language.getAlphabets$lingua().contains(alphabet)) {
                    written.add(language);
                }
            }
            languagesOfAlphabet.put(alphabet, java.util.Collections.unmodifiableSet(written));
        }
        Arrays.fill(indexOfChar, (short) -1);
        int next = 0;
        List<int[]> chars = new ArrayList<>();
        List<Language[]> entryLanguages = new ArrayList<>();
        for (Map.Entry<String, ? extends Set<Language>> entry : Constant.INSTANCE.getCHARS_TO_LANGUAGES_MAPPING().entrySet()) {
            String characters = entry.getKey();
            int[] indices = new int[characters.length()];
            for (int i = 0; i < characters.length(); i++) {
                char c = characters.charAt(i);
                if (indexOfChar[c] < 0) {
                    indexOfChar[c] = (short) next++;
                }
                indices[i] = indexOfChar[c];
            }
            chars.add(indices);
            entryLanguages.add(entry.getValue().stream().filter(languages::contains).toArray(Language[]::new));
        }
        this.distinctChars = next;
        this.charsOfEntry = chars.toArray(new int[0][]);
        this.languagesOfEntry = entryLanguages.toArray(new Language[0][]);
    }

    /** What lingua's {@code filterLanguagesByRules(words)} returns, as a set (its order does not matter). */
    Set<Language> of(List<String> words) {
        Map<Alphabet, Integer> alphabetCounts = new LinkedHashMap<>();
        for (String word : words) {
            Alphabet alphabet = ScriptAlphabets.of(word);
            if (alphabet != null) {
                alphabetCounts.merge(alphabet, 1, Integer::sum);
            }
        }
        if (alphabetCounts.isEmpty()) {
            return languages;
        }
        if (alphabetCounts.size() > 1 && Set.copyOf(alphabetCounts.values()).size() == 1) {
            return languages;
        }
        Alphabet mostFrequent = null;
        int highest = Integer.MIN_VALUE;
        for (Map.Entry<Alphabet, Integer> e : alphabetCounts.entrySet()) {
            if (e.getValue() > highest) { // the first of equally frequent alphabets, as Kotlin's maxByOrNull
                mostFrequent = e.getKey();
                highest = e.getValue();
            }
        }
        Set<Language> filtered = languagesOfAlphabet.get(mostFrequent);
        int[] wordsWithChar = wordsContainingEachChar(words);
        int[] counts = new int[Language.values().length];
        boolean[] counted = new boolean[counts.length];
        for (int entry = 0; entry < charsOfEntry.length; entry++) {
            int occurrences = 0;
            for (int charIndex : charsOfEntry[entry]) {
                occurrences += wordsWithChar[charIndex];
            }
            if (occurrences > 0) {
                for (Language language : languagesOfEntry[entry]) {
                    if (filtered.contains(language)) {
                        counts[language.ordinal()] += occurrences;
                        counted[language.ordinal()] = true;
                    }
                }
            }
        }
        Set<Language> subset = EnumSet.noneOf(Language.class);
        double threshold = words.size() / 2.0;
        for (Language language : filtered) {
            if (counted[language.ordinal()] && counts[language.ordinal()] >= threshold) {
                subset.add(language);
            }
        }
        return subset.isEmpty() ? filtered : subset;
    }

    private int[] wordsContainingEachChar(List<String> words) {
        int[] wordsWithChar = new int[distinctChars];
        int[] lastWord = new int[distinctChars];
        Arrays.fill(lastWord, -1);
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w);
            for (int i = 0; i < word.length(); i++) {
                int index = indexOfChar[word.charAt(i)];
                if (index >= 0 && lastWord[index] != w) {
                    lastWord[index] = w;
                    wordsWithChar[index]++;
                }
            }
        }
        return wordsWithChar;
    }
}
