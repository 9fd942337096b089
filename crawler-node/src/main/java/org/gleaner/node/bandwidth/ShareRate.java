package org.gleaner.node.bandwidth;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses an operator's share such as {@code 2MB/s}, {@code 500KB/s}, {@code 10Mbit/s} into bytes per second. */
public final class ShareRate {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,3})?)\\s*(b|kb|mb|gb|kib|mib|gib|bit|kbit|mbit|gbit)/s");
    private static final long MIN = 16 * 1024;
    private static final long MAX = 10L * 1000 * 1000 * 1000;

    private ShareRate() {
    }

    public static long parse(String text) {
        Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("share must look like 2MB/s, 500KB/s or 10Mbit/s, got: " + text);
        }
        double value = Double.parseDouble(m.group(1));
        double factor = switch (m.group(2)) {
            case "b" -> 1;
            case "kb" -> 1e3;
            case "mb" -> 1e6;
            case "gb" -> 1e9;
            case "kib" -> 1024;
            case "mib" -> 1024 * 1024;
            case "gib" -> 1024 * 1024 * 1024;
            case "bit" -> 1.0 / 8;
            case "kbit" -> 1e3 / 8;
            case "mbit" -> 1e6 / 8;
            default -> 1e9 / 8;
        };
        long bytes = (long) (value * factor);
        if (bytes < MIN || bytes > MAX) {
            throw new IllegalArgumentException("share must be between 16KiB/s and 10GB/s, got: " + text);
        }
        return bytes;
    }
}
