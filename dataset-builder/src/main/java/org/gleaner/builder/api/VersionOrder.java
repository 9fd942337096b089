package org.gleaner.builder.api;

import java.math.BigInteger;
import java.util.Comparator;

/** Orders version names: all-digit names numerically ({@code 2 < 10}) and before other names, which sort as text. */
final class VersionOrder {
    static final Comparator<String> ORDER = VersionOrder::compare;

    private VersionOrder() {
    }

    static int compare(String a, String b) {
        boolean na = isNumber(a);
        boolean nb = isNumber(b);
        if (na && nb) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() <= 18 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
