package org.gleaner.builder.quality;

/**
 * Counts what {@code [.!?。！？]+(\s|$)} finds in a text, without the regex engine (which tries the pattern at
 * every character). A match is a maximal run of those marks followed by a white-space character of {@code \s}
 * ({@code [ \t\n\x0B\f\r]}), by the end of the text, or by a line terminator that ends the text (where {@code $}
 * also matches): a shorter run is followed by another mark, which is neither. {@code SentenceEndsTest} compares
 * the two on random texts.
 */
final class SentenceEnds {
    private SentenceEnds() {}

    static int count(String text) {
        int n = 0;
        int length = text.length();
        int i = 0;
        while (i < length) {
            if (!isMark(text.charAt(i))) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < length && isMark(text.charAt(end))) {
                end++;
            }
            if (end == length || isRegexSpace(text.charAt(end)) || endsTextAsLineTerminator(text, end)) {
                n++;
            }
            i = end;
        }
        return n;
    }

    private static boolean isMark(char c) {
        return c == '.' || c == '!' || c == '?' || c == '。' || c == '！' || c == '？';
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** {@code $} without MULTILINE also matches before a final line terminator ({@code \n}, {@code \r} are spaces). */
    private static boolean endsTextAsLineTerminator(String text, int at) {
        char c = text.charAt(at);
        return at == text.length() - 1 && (c == '\u0085' || c == '\u2028' || c == '\u2029');
    }
}
