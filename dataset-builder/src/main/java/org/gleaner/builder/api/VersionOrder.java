package org.gleaner.builder.api;

import java.math.BigInteger;
import java.util.Comparator;

/** Orders version names: all-digit names numerically ({@code 2 < 10}) and before other names, which sort as text. */
final class VersionOrder {
    static final Comparator<String> ORDER = VersionOrder::compare;

    private VersionOrder() {
    }

    /**
     * A compacted version {@code X-dNNNNNN} sorts right after its base {@code X} and before the next base, so
     * {@code 1 < 1-d000001 < 1-d000002 < 2}.
     */
    static int compare(String a, String b) {
        String[] sa = splitCompacted(a);
        String[] sb = splitCompacted(b);
        int base = compareBase(sa[0], sb[0]);
        if (base != 0) {
            return base;
        }
        return Long.compare(sa[1] == null ? -1 : Long.parseLong(sa[1]), sb[1] == null ? -1 : Long.parseLong(sb[1]));
    }

    private static String[] splitCompacted(String version) {
        java.util.regex.Matcher m = COMPACTED.matcher(version);
        return m.matches() ? new String[] {m.group(1), m.group(2)} : new String[] {version, null};
    }

    private static final java.util.regex.Pattern COMPACTED = java.util.regex.Pattern.compile("(.+?)-d([0-9]{6,12})");

    private static int compareBase(String a, String b) {
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
