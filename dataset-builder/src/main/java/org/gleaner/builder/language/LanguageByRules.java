package org.gleaner.builder.language;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.internal.Alphabet;
import com.github.pemistahl.lingua.internal.Constant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lingua 1.2.2's {@code detectLanguageWithRules}: the language a text must be in because of its alphabet (Greek,
 * Hebrew, Thai...) or its unique characters, or {@link Language#UNKNOWN}. lingua works out per char, per call,
 * which languages the char speaks for (a script test per alphabet, then the unique characters of every
 * language); here that is worked out once per UTF-16 char at construction, with lingua's own tests, and a call
 * only counts. lingua's decisions on the counts never depend on an order (a tie at the top is always
 * {@code UNKNOWN}), so counting in arrays gives its answer; the equivalence test checks it against lingua's.
 */
final class LanguageByRules {
    private static final int UNKNOWN = Language.UNKNOWN.ordinal();
    private static final int CHINESE = Language.CHINESE.ordinal();
    private static final int JAPANESE = Language.JAPANESE.ordinal();
    private static final int ORDINALS = Language.values().length;
    private static final Language[] BY_ORDINAL = Language.values();

    private final boolean[] configured = new boolean[ORDINALS];
    /** Per UTF-16 char, an index into {@link #languagesOfChar}. */
    private final short[] listOfChar = new short[Character.MAX_VALUE + 1];
    /** Ordinals of the languages a char counts for; index 0 is the empty list. */
    private final int[][] languagesOfChar;

    LanguageByRules(List<Language> languages) {
        for (Language language : languages) {
            configured[language.ordinal()] = true;
        }
        Map<Alphabet, Language> oneLanguageAlphabets = new LinkedHashMap<>();
        Alphabet.Companion.allSupportingExactlyOneLanguage().forEach((alphabet, language) -> {
            if (configured[language.ordinal()]) {
                oneLanguageAlphabets.put(alphabet, language);
            }
        });
        List<Language> withUniqueCharacters = new ArrayList<>();
        for (Language language : EnumSet.copyOf(languages)) {
            String unique = language.getUniqueCharacters$lingua();
            if (unique != null && !unique.isBlank()) {
                withUniqueCharacters.add(language);
            }
        }
        Map<List<Integer>, Short> indexOfList = new HashMap<>();
        List<int[]> lists = new ArrayList<>();
        indexOfList.put(List.of(), (short) 0);
        lists.add(new int[0]);
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            List<Integer> counted = languagesCountedFor((char) c, oneLanguageAlphabets, withUniqueCharacters);
            Short index = indexOfList.get(counted);
            if (index == null) {
                index = (short) lists.size();
                indexOfList.put(counted, index);
                lists.add(counted.stream().mapToInt(Integer::intValue).toArray());
            }
            listOfChar[c] = index;
        }
        this.languagesOfChar = lists.toArray(new int[0][]);
    }

    /** lingua's per-char step: the ordinals of the languages the char counts for. */
    private static List<Integer> languagesCountedFor(char c, Map<Alphabet, Language> oneLanguageAlphabets,
            List<Language> withUniqueCharacters) {
        for (Map.Entry<Alphabet, Language> e : oneLanguageAlphabets.entrySet()) {
            if (e.getKey().matches(c)) {
                return List.of(e.getValue().ordinal());
            }
        }
        if (Alphabet.HAN.matches(c)) {
            return List.of(CHINESE);
        }
        if (Constant.INSTANCE.isJapaneseAlphabet(c)) {
            return List.of(JAPANESE);
        }
        if (Alphabet.LATIN.matches(c) || Alphabet.CYRILLIC.matches(c) || Alphabet.DEVANAGARI.matches(c)) {
            List<Integer> languages = new ArrayList<>();
            for (Language language : withUniqueCharacters) {
                if (language.getUniqueCharacters$lingua().indexOf(c) >= 0) {
                    languages.add(language.ordinal());
                }
            }
            return List.copyOf(languages);
        }
        return List.of();
    }

    /** What lingua's {@code detectLanguageWithRules(words)} returns. */
    Language of(List<String> words) {
        int[] totals = new int[ORDINALS];
        int[] wordCounts = new int[ORDINALS];
        int[] touched = new int[ORDINALS];
        for (String word : words) {
            int distinct = 0;
            for (int i = 0; i < word.length(); i++) {
                for (int language : languagesOfChar[listOfChar[word.charAt(i)]]) {
                    if (wordCounts[language]++ == 0) {
                        touched[distinct++] = language;
                    }
                }
            }
            totals[wordLanguage(wordCounts, touched, distinct)]++;
            for (int i = 0; i < distinct; i++) {
                wordCounts[touched[i]] = 0;
            }
        }
        if (totals[UNKNOWN] < 0.5 * words.size()) {
            totals[UNKNOWN] = 0;
        }
        return decide(totals);
    }

    /** A word's language: the only or the strictly most counted one if configured, else UNKNOWN. */
    private int wordLanguage(int[] counts, int[] touched, int distinct) {
        if (distinct == 0) {
            return UNKNOWN;
        }
        int best = touched[0];
        int second = -1;
        for (int i = 1; i < distinct; i++) {
            int language = touched[i];
            if (counts[language] > counts[best]) {
                second = counts[best];
                best = language;
            } else {
                second = Math.max(second, counts[language]);
            }
        }
        return (distinct == 1 || counts[best] > second) && configured[best] ? best : UNKNOWN;
    }

    private static Language decide(int[] totals) {
        int keys = 0;
        int best = -1;
        int second = -1;
        for (int language = 0; language < ORDINALS; language++) {
            if (totals[language] > 0) {
                keys++;
                if (best < 0 || totals[language] > totals[best]) {
                    second = best < 0 ? -1 : totals[best];
                    best = language;
                } else {
                    second = Math.max(second, totals[language]);
                }
            }
        }
        if (keys == 0) {
            return Language.UNKNOWN;
        }
        if (keys == 1) {
            return BY_ORDINAL[best];
        }
        if (keys == 2 && totals[CHINESE] > 0 && totals[JAPANESE] > 0) {
            return Language.JAPANESE;
        }
        return totals[best] == second ? Language.UNKNOWN : BY_ORDINAL[best];
    }

}
