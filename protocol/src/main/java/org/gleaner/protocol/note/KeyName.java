package org.gleaner.protocol.note;

/** The C2SP signed-note rule for key names: non-empty, well-formed, no Unicode spaces, no '+'. */
public final class KeyName {
    private KeyName() {
    }

    public static boolean isValid(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            // An unpaired surrogate comes back as itself: the name would not be valid UTF-8.
            if (c == '+' || c < 0x20 || isSpace(c) || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    // Go's unicode.IsSpace: ASCII white space, U+0085, U+00A0 and the White_Space separators.
    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
    }
}
