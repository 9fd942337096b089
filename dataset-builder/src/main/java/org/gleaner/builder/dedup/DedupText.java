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
        return isAscii(text) ? normalizeAscii(text) : normalizeUnicode(text);
    }

    /**
     * The same form for a text of ASCII characters only, in one pass: NFKC leaves ASCII as it is, lower case
     * changes only {@code A-Z}, and the ASCII letters and digits are {@code A-Z a-z 0-9}.
     */
    static String normalizeAscii(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        boolean space = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                sb.append(c);
                space = false;
            } else if (c >= 'A' && c <= 'Z') {
                sb.append((char) (c + ('a' - 'A')));
                space = false;
            } else if (!space) {
                sb.append(' ');
                space = true;
            }
        }
        return trimTrailingSpace(sb);
    }

    static String normalizeUnicode(String text) {
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
        return trimTrailingSpace(sb);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static String trimTrailingSpace(StringBuilder sb) {
        int len = sb.length();
        if (len > 0 && sb.charAt(len - 1) == ' ') {
            sb.setLength(len - 1);
        }
        return sb.toString();
    }
}
