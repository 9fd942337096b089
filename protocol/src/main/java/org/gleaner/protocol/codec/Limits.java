package org.gleaner.protocol.codec;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/** Field checks shared by record constructors, so an oversized record can never be built, let alone sent. */
public final class Limits {
    private Limits() {
    }

    public static String text(String field, String value, int maxUtf8Bytes) {
        if (value == null) {
            throw new FieldLimitException(field + " is required");
        }
        int size = value.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxUtf8Bytes) {
            throw new FieldLimitException(field + " is " + size + " bytes, limit " + maxUtf8Bytes);
        }
        return value;
    }

    public static String nonEmptyText(String field, String value, int maxUtf8Bytes) {
        text(field, value, maxUtf8Bytes);
        if (value.isEmpty()) {
            throw new FieldLimitException(field + " must not be empty");
        }
        return value;
    }

    public static Bytes bytes(String field, Bytes value, int maxBytes) {
        if (value == null) {
            throw new FieldLimitException(field + " is required");
        }
        if (value.length() > maxBytes) {
            throw new FieldLimitException(field + " is " + value.length() + " bytes, limit " + maxBytes);
        }
        return value;
    }

    public static Bytes exactBytes(String field, Bytes value, int length) {
        if (value == null) {
            throw new FieldLimitException(field + " is required");
        }
        if (value.length() != length) {
            throw new FieldLimitException(field + " must be " + length + " bytes, got " + value.length());
        }
        return value;
    }

    public static <T extends Collection<?>> T count(String field, T value, int maxItems) {
        if (value == null) {
            throw new FieldLimitException(field + " is required");
        }
        if (value.size() > maxItems) {
            throw new FieldLimitException(field + " has " + value.size() + " items, limit " + maxItems);
        }
        return value;
    }

    public static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new FieldLimitException(field + " must not be negative");
        }
        return value;
    }

    public static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new FieldLimitException(field + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }
}
