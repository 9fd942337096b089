package org.gleaner.builder.language;

import com.github.pemistahl.lingua.internal.Alphabet;

/**
 * lingua's {@link Alphabet} of a word, found with one script look-up per char instead of lingua's test of every
 * alphabet in turn: a word is of the first alphabet (in lingua's order) whose Unicode script all its code points
 * have, or of none. Which alphabet a script belongs to is asked of lingua's own {@code Alphabet.matches} once per
 * script, at class initialisation.
 */
final class ScriptAlphabets {
    private static final Character.UnicodeScript[] SCRIPTS = Character.UnicodeScript.values();
    private static final byte[] BMP_SCRIPT = bmpScripts();
    private static final Alphabet[] ALPHABET_OF_SCRIPT = alphabetsOfScripts();

    private ScriptAlphabets() {}

    /** The word's alphabet as lingua's {@code filterLanguagesByRules} finds it, or null. */
    static Alphabet of(String word) {
        if (word.isEmpty()) {
            return Alphabet.values()[0]; // lingua: every alphabet matches no code points, the first wins
        }
        int first = word.codePointAt(0);
        int script = scriptOrdinal(first);
        for (int i = Character.charCount(first); i < word.length(); ) {
            int cp = word.codePointAt(i);
            if (scriptOrdinal(cp) != script) {
                return null;
            }
            i += Character.charCount(cp);
        }
        return ALPHABET_OF_SCRIPT[script];
    }

    private static int scriptOrdinal(int codePoint) {
        return codePoint < BMP_SCRIPT.length ? BMP_SCRIPT[codePoint] & 0xFF
                : Character.UnicodeScript.of(codePoint).ordinal();
    }

    private static byte[] bmpScripts() {
        if (SCRIPTS.length > 256) {
            throw new IllegalStateException("more Unicode scripts than a byte holds: " + SCRIPTS.length);
        }
        byte[] scripts = new byte[Character.MAX_VALUE + 1];
        for (int c = 0; c < scripts.length; c++) {
            scripts[c] = (byte) Character.UnicodeScript.of(c).ordinal();
        }
        return scripts;
    }

    private static Alphabet[] alphabetsOfScripts() {
        int[] example = new int[SCRIPTS.length];
        java.util.Arrays.fill(example, -1);
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            int script = scriptOrdinal(cp);
            if (example[script] < 0) {
                example[script] = cp;
            }
        }
        Alphabet[] alphabets = new Alphabet[SCRIPTS.length];
        for (int script = 0; script < SCRIPTS.length; script++) {
            if (example[script] >= 0) {
                String text = Character.toString(example[script]);
                for (Alphabet alphabet : Alphabet.values()) {
                    if (alphabet.matches(text)) {
                        alphabets[script] = alphabet;
                        break;
                    }
                }
            }
        }
        return alphabets;
    }
}
