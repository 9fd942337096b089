package org.gleaner.builder.extract;

/** A cheap test that a body is not text at all (an image or archive served as text/html). */
final class BinaryContent {
    static final int SAMPLE = 1024;

    private BinaryContent() {}

    /** True when the first kilobyte has NUL bytes (and no UTF-16 byte-order mark) or mostly control bytes. */
    static boolean looksBinary(byte[] body) {
        int n = Math.min(body.length, SAMPLE);
        if (n >= 2 && ((body[0] & 0xFF) == 0xFE && (body[1] & 0xFF) == 0xFF
                || (body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xFE)) {
            return false;
        }
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = body[i] & 0xFF;
            if (b == 0) {
                return true;
            }
            if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B)) {
                control++;
            }
        }
        return n > 0 && control > n / 10;
    }
}
