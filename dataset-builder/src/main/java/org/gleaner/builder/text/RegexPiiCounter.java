package org.gleaner.builder.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately simple PII count for the {@code pii_*_count} columns: e-mail addresses by a
 * {@code local@domain.tld} pattern, phone numbers as runs of 8 to 15 digits, optionally led by {@code +},
 * separated only by spaces, dots, dashes or parentheses. It over- and under-counts; real PII detection with
 * consent decisions is a later stage and will replace it.
 */
public final class RegexPiiCounter {
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}(?![\\w-])");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+.-])\\+?\\(?\\d[\\d .()\\-]{6,22}\\d(?![\\w])");
    private static final int MIN_DIGITS = 8;
    private static final int MAX_DIGITS = 15;

    private RegexPiiCounter() {
    }

    public static PiiCounts count(CharSequence text) {
        return new PiiCounts(countEmails(text), countPhones(text));
    }

    public static int countEmails(CharSequence text) {
        Matcher m = EMAIL.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    public static int countPhones(CharSequence text) {
        Matcher m = PHONE.matcher(text);
        int n = 0;
        while (m.find()) {
            String candidate = m.group();
            int digits = 0;
            for (int i = 0; i < candidate.length(); i++) {
                if (Character.isDigit(candidate.charAt(i))) {
                    digits++;
                }
            }
            if (digits >= MIN_DIGITS && digits <= MAX_DIGITS && !looksLikeDate(candidate)) {
                n++;
            }
        }
        return n;
    }

    /** {@code 2024-01-02} and {@code 2024.01.02} style strings have 8 digits but are dates. */
    private static boolean looksLikeDate(String candidate) {
        return candidate.matches("\\d{4}[-.]\\d{2}[-.]\\d{2}");
    }
}
