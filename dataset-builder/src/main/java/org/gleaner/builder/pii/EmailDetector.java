package org.gleaner.builder.pii;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * E-mail addresses by a strict pattern: an RFC 5322 dot-atom local part (letters of any script allowed, as
 * RFC 6531 does; no quoted forms), {@code @}, and a
 * domain of at least two labels (letters of any script allowed) whose last label is alphabetic. Normalized
 * as lower-case local part {@code @} the domain's IDNA ASCII form (lower case).
 */
public final class EmailDetector implements PiiDetector {
    private static final String ATOM = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?";
    static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w\\p{L}\\p{N}.!#$%&'*+/=?^`{|}~-])(" + ATOM + "(?:\\." + ATOM + ")*)@(" + LABEL + "(?:\\." + LABEL + ")*\\.\\p{L}{2,63})"
                    + "(?![\\w-]|\\.[\\p{L}\\p{N}])");
    private static final int MAX_LOCAL = 64;

    @Override
    public List<PiiSpan> find(String text) {
        if (text.indexOf('@') < 0) {
            return List.of(); // the pattern's lookbehind makes it try every position: skip texts it cannot match
        }
        List<PiiSpan> spans = new ArrayList<>();
        boolean[] beforeAt = localPartCandidates(text);
        for (MatchResult m : StartFilteredMatches.find(EMAIL, text, (t, i) -> beforeAt[i])) {
            String local = m.group(1);
            if (local.length() > MAX_LOCAL) {
                continue;
            }
            spans.add(new PiiSpan(PiiKind.EMAIL_ADDRESS, m.start(), m.end(),
                    local.toLowerCase(Locale.ROOT) + "@" + asciiDomain(m.group(2))));
        }
        return spans;
    }

    /**
     * The positions a local part can start at: inside a run of local-part characters (the atom's characters,
     * dots, and surrogates, so that letters outside the BMP count) that ends at an {@code @}. The pattern's
     * lookbehind is checked by the pattern itself.
     */
    static boolean[] localPartCandidates(String text) {
        boolean[] candidate = new boolean[text.length()];
        boolean runEndsAtAt = false;
        for (int i = text.length() - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '@') {
                runEndsAtAt = true;
            } else if (localPartChar(c)) {
                candidate[i] = runEndsAtAt;
            } else {
                runEndsAtAt = false;
            }
        }
        return candidate;
    }

    private static boolean localPartChar(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || "!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0;
        }
        if (Character.isSurrogate(c) || Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    /** The IDNA ASCII form; a domain IDNA rejects keeps its lower-case Unicode form (still redacted). */
    static String asciiDomain(String domain) {
        try {
            return IDN.toASCII(domain, 0).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return domain.toLowerCase(Locale.ROOT);
        }
    }
}
