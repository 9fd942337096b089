package org.gleaner.coordinator.frontier;

import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 section 6.2.2 percent-encoding normalization of a path or query: escapes of unreserved characters
 * are decoded ({@code %7E} to {@code ~}), other escapes get uppercase hex ({@code %2f} to {@code %2F}), and
 * characters outside ASCII are encoded as their UTF-8 bytes. Reserved characters keep their meaning.
 */
final class PercentEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    static String normalize(String component) {
        StringBuilder out = new StringBuilder(component.length());
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '%' && i + 2 < component.length() && isHex(component.charAt(i + 1)) && isHex(component.charAt(i + 2))) {
                int value = Character.digit(component.charAt(i + 1), 16) * 16 + Character.digit(component.charAt(i + 2), 16);
                if (isUnreserved(value)) {
                    out.append((char) value);
                } else {
                    appendEscape(out, value);
                }
                i += 2;
            } else if (c > 0x7E || c < 0x21) {
                int end = Character.isHighSurrogate(c) && i + 1 < component.length() ? i + 2 : i + 1;
                for (byte b : component.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    appendEscape(out, b & 0xFF);
                }
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80;
    }

    private static void appendEscape(StringBuilder out, int value) {
        out.append('%').append(HEX[value >> 4]).append(HEX[value & 0xF]);
    }
}
