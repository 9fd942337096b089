package org.gleaner.builder.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * IPv4 (dotted decimal, each octet 0-255, no leading zeros) and IPv6 (RFC 4291 text forms, with {@code ::}
 * and an optional dotted IPv4 tail) addresses. Parsed by hand, never by {@code InetAddress}, which would
 * resolve host names. IPv4 is normalized as written; IPv6 to the RFC 5952 form (lower case, longest zero run
 * compressed).
 */
public final class IpAddressDetector implements PiiDetector {
    static final Pattern V4 = Pattern.compile("(?<![\\w.])\\d{1,3}(?:\\.\\d{1,3}){3}(?![\\w]|\\.\\d)");
    static final Pattern V6 = Pattern.compile("(?<![\\w:.])[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(?:\\d{1,3}(?:\\.\\d{1,3}){3})?(?![\\w:]|\\.\\d)");

    @Override
    public List<PiiSpan> find(String text) {
        List<PiiSpan> spans = new ArrayList<>();
        // Both patterns start with lookbehinds, so they try every position: skip the ones a text cannot match.
        if (hasDigitDotDigit(text)) {
            for (MatchResult m : StartFilteredMatches.find(V4, text, IpAddressDetector::mayStartV4)) {
                if (ipv4(m.group()).isPresent()) {
                    spans.add(new PiiSpan(PiiKind.IP_ADDRESS, m.start(), m.end(), m.group()));
                }
            }
        }
        if (hasColonBesideHexDigitOrColon(text)) {
            for (MatchResult m : StartFilteredMatches.find(V6, text, IpAddressDetector::mayStartV6)) {
                Optional<String> normalized = ipv6(m.group());
                if (normalized.isPresent()) {
                    spans.add(new PiiSpan(PiiKind.IP_ADDRESS, m.start(), m.end(), normalized.get()));
                }
            }
        }
        // An IPv4 tail of an IPv6 address is part of the IPv6 span.
        spans.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start())
                : Integer.compare(b.end() - b.start(), a.end() - a.start()));
        List<PiiSpan> disjoint = new ArrayList<>();
        for (PiiSpan s : spans) {
            if (disjoint.isEmpty() || disjoint.get(disjoint.size() - 1).end() <= s.start()) {
                disjoint.add(s);
            }
        }
        return disjoint;
    }

    /** V4 starts with an ASCII digit after anything but a word character or a dot (its lookbehind). */
    static boolean mayStartV4(String text, int i) {
        return isAsciiDigit(text.charAt(i)) && (i == 0 || !wordOr(text.charAt(i - 1), '.'));
    }

    /** V6 starts with a hex digit or a colon after anything but a word character, colon or dot (its lookbehind). */
    static boolean mayStartV6(String text, int i) {
        return hexOrColon(text.charAt(i)) && (i == 0 || !(wordOr(text.charAt(i - 1), '.') || text.charAt(i - 1) == ':'));
    }

    /** {@code \w} (ASCII letters, digits, underscore) or {@code extra}. */
    private static boolean wordOr(char c, char extra) {
        return c == extra || c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Every IPv4 address has a digit, a dot and a digit in a row. */
    static boolean hasDigitDotDigit(String text) {
        for (int dot = text.indexOf('.', 1); dot >= 0 && dot + 1 < text.length(); dot = text.indexOf('.', dot + 1)) {
            if (isAsciiDigit(text.charAt(dot - 1)) && isAsciiDigit(text.charAt(dot + 1))) {
                return true;
            }
        }
        return false;
    }

    /** Every IPv6 address has at least two colons, each beside a hexadecimal digit or another colon. */
    static boolean hasColonBesideHexDigitOrColon(String text) {
        for (int colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
            if ((colon > 0 && hexOrColon(text.charAt(colon - 1)))
                    || (colon + 1 < text.length() && hexOrColon(text.charAt(colon + 1)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hexOrColon(char c) {
        return c == ':' || Character.digit(c, 16) >= 0 && c < 128;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The four octets of a dotted-decimal IPv4 address, or empty. */
    static Optional<int[]> ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return Optional.empty();
            }
            octets[i] = Integer.parseInt(p);
            if (octets[i] > 255) {
                return Optional.empty();
            }
        }
        return Optional.of(octets);
    }

    /** The RFC 5952 form of an IPv6 address, or empty when {@code s} is not one. */
    static Optional<String> ipv6(String s) {
        if (s.chars().noneMatch(Character::isDigit) || s.length() > 45) {
            return Optional.empty();
        }
        int[] groups = new int[8];
        String head = s;
        int tailGroups = 0;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.') >= 0) {
            Optional<int[]> v4 = ipv4(s.substring(lastColon + 1));
            if (v4.isEmpty()) {
                return Optional.empty();
            }
            int[] o = v4.get();
            groups[6] = (o[0] << 8) | o[1];
            groups[7] = (o[2] << 8) | o[3];
            tailGroups = 2;
            head = s.substring(0, lastColon + 1);
            if (!head.endsWith("::")) {
                head = head.substring(0, head.length() - 1);
            }
        }
        int free = 8 - tailGroups;
        int compress = head.indexOf("::");
        if (compress >= 0 && head.indexOf("::", compress + 1) >= 0) {
            return Optional.empty();
        }
        List<String> left;
        List<String> right;
        if (compress >= 0) {
            left = groupsOf(head.substring(0, compress));
            right = groupsOf(head.substring(compress + 2));
            if (left == null || right == null || left.size() + right.size() >= free) {
                return Optional.empty();
            }
        } else {
            left = groupsOf(head);
            right = List.of();
            if (left == null || left.size() != free) {
                return Optional.empty();
            }
        }
        for (int i = 0; i < left.size(); i++) {
            groups[i] = Integer.parseInt(left.get(i), 16);
        }
        for (int i = 0; i < right.size(); i++) {
            groups[free - right.size() + i] = Integer.parseInt(right.get(i), 16);
        }
        return Optional.of(rfc5952(groups));
    }

    /** Colon-separated 1-4 hex digit groups; empty string gives none; null when malformed. */
    private static List<String> groupsOf(String s) {
        if (s.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String g : s.split(":", -1)) {
            if (g.isEmpty() || g.length() > 4) {
                return null;
            }
            out.add(g);
        }
        return out;
    }

    private static String rfc5952(int[] groups) {
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
