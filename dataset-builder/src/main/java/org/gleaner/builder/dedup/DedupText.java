package org.gleaner.builder.dedup;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The form of a text that dedup compares: Unicode NFKC, lower case, every run of characters that are not
 * letters or digits turned into one space. Two pages that differ only in case, punctuation, spacing or
 * compatibility characters (full-width forms, ligatures) have the same form.
 */
final class DedupText {
    private DedupText() {}

    static String normalize(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(nfkc.length());
        boolean space = true;
        for (int i = 0; i < nfkc.length(); ) {
            int cp = nfkc.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                sb.appendCodePoint(cp);
                space = false;
            } else if (!space) {
                sb.append(' ');
                space = true;
            }
        }
        int len = sb.length();
        if (len > 0 && sb.charAt(len - 1) == ' ') {
            sb.setLength(len - 1);
        }
        return sb.toString();
    }
}
