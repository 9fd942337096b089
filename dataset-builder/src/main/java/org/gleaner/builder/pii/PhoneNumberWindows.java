package org.gleaner.builder.pii;

/**
 * The stretches of a text where libphonenumber's matcher can find a number, so that it need not run over the
 * rest. The matcher ({@code PhoneNumberMatcher}, libphonenumber 9.0) finds candidates with one pattern: up to
 * two leading brackets or plus signs with punctuation (at most {@value #LEAD} characters), decimal digits
 * ({@code \p{Nd}}) separated by at most four punctuation characters, and an optional extension whose label
 * (such as {@code ext.}, {@code int}, {@code ;ext=}) may be padded by any number of spaces, tabs, commas or
 * dashes and is followed by digits and perhaps a {@code #}. So between two digits of one candidate there are at
 * most {@value #MAX_BRIDGE_NON_PADDING} characters other than that padding (a margin over the longest label, 11
 * characters), and a candidate ends at a digit or the {@code #} right after one.
 *
 * <p>Digits whose gaps can be bridged form a cluster. Besides a candidate, the matcher reads only the character
 * before it (a Latin letter or currency sign there rejects it), and not when the candidate starts with a lead
 * character, so the window starts {@value #LEAD} characters before the cluster's first digit; and the character
 * after it, which is at most one past the last digit (a {@code #}), so the window ends two characters after it.
 * (Its time-stamp test, {@code :[0-5]\d} after a candidate, can only succeed on digits of the same cluster.) A gap
 * that cannot be bridged is longer than both margins together, so windows neither overlap nor hold a digit of
 * another cluster, and the matcher, run on each window, meets the same candidates with the same surroundings
 * as on the whole text: the same numbers at the same offsets ({@code PhoneNumberWindowsTest}).
 */
final class PhoneNumberWindows {
    /** Characters of the optional lead before a candidate's first digit: {@code (?:[lead][punctuation]{0,4}){0,2}}. */
    static final int LEAD = 10;
    /** Characters other than padding that an extension label or punctuation between two digits may use. */
    static final int MAX_BRIDGE_NON_PADDING = 16;
    private static final int BEFORE = LEAD;
    private static final int AFTER = 2;

    private PhoneNumberWindows() {}

    /** Receives each window {@code [start, end)} in text order. */
    @FunctionalInterface
    interface WindowSink {
        void window(int start, int end);
    }

    /**
     * Calls {@code sink} with each window whose cluster holds at least {@code minDigits} digits, or three letters
     * or more that a candidate could hold (any letter between its digits, {@code x} in the lead), which
     * libphonenumber may read as digits ({@link ShortestValidNumber}).
     */
    static void forEach(String text, int minDigits, WindowSink sink) {
        int length = text.length();
        int clusterStart = -1;
        int clusterEnd = -1;
        int digits = 0;
        int letters = 0;
        int nonPadding = 0;
        int gapLetters = 0;
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            int width = 1;
            boolean digit;
            boolean letter;
            if (c < 128) {
                digit = c >= '0' && c <= '9';
                letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            } else {
                int cp = Character.codePointAt(text, i);
                width = Character.charCount(cp);
                digit = Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER;
                letter = Character.isLetter(cp);
            }
            if (digit) {
                if (clusterStart >= 0 && nonPadding > MAX_BRIDGE_NON_PADDING) {
                    emit(text, clusterStart, clusterEnd, digits, letters, minDigits, sink);
                    clusterStart = -1;
                }
                if (clusterStart < 0) {
                    clusterStart = i;
                    digits = 0;
                    letters = 0;
                } else {
                    letters += gapLetters;
                }
                digits++;
                clusterEnd = i + width;
                nonPadding = 0;
                gapLetters = 0;
            } else if (clusterStart >= 0) {
                if (!isPadding(c)) {
                    nonPadding++;
                }
                if (letter) {
                    gapLetters++;
                }
            }
            i += width;
        }
        if (clusterStart >= 0) {
            emit(text, clusterStart, clusterEnd, digits, letters, minDigits, sink);
        }
    }

    private static void emit(String text, int firstDigit, int afterLastDigit, int digits, int letters, int minDigits,
            WindowSink sink) {
        int start = Math.max(0, firstDigit - BEFORE);
        if (digits < minDigits) {
            for (int i = start; i < firstDigit; i++) {
                char c = text.charAt(i);
                if (c == 'x' || c == 'X') {
                    letters++;
                }
            }
            if (letters < 3) {
                return;
            }
        }
        sink.window(start, Math.min(text.length(), afterLastDigit + AFTER));
    }

    private static boolean isPadding(char c) {
        return c == ' ' || c == '\u00A0' || c == '\t' || c == ',' || c == '-';
    }
}
