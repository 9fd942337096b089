package org.gleaner.node.status;

import java.util.Locale;

/** Bytes and rates in the units operators read. */
public final class Units {
    private Units() {
    }

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    /** Rates in decimal units, as operators write their share (2MB/s = 2,000,000 bytes per second). */
    public static String rate(long bytesPerSecond) {
        if (bytesPerSecond < 1000) {
            return bytesPerSecond + " B/s";
        }
        String[] units = {"kB/s", "MB/s", "GB/s"};
        double v = bytesPerSecond;
        int i = -1;
        while (v >= 1000 && i < units.length - 1) {
            v /= 1000;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }
}
