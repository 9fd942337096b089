package org.gleaner.builder.language;

import java.util.Arrays;

/**
 * A read-only map from an n-gram of one to three UTF-16 chars (packed into a long, 16 bits a char) to a row of
 * one float per language, in one primitive open-addressing table: one probe sequence per look-up, no boxing and
 * no string hashing. Built once from the sorted, distinct keys; rows are stored densely in key order.
 */
final class PackedNgramRows {
    private static final long EMPTY = -1L;
    private static final int MAX_KEYS = 1 << 26;
    /** Linear probing stays short below this share of occupied slots. */
    private static final double MAX_LOAD = 0.6;

    /** Per slot, the key and its row side by side: a look-up reads one cache line before the row. */
    private final long[] slots;
    private final float[] rows;
    private final int width;
    private final int shift;

    /**
     * @param sortedKeys distinct packed keys in ascending order; row {@code i} belongs to {@code sortedKeys[i]}
     * @param rows {@code sortedKeys.length * width} values, row-major
     */
    PackedNgramRows(long[] sortedKeys, float[] rows, int width) {
        if (sortedKeys.length > MAX_KEYS || rows.length != (long) sortedKeys.length * width) {
            throw new IllegalArgumentException("rows do not match keys: " + sortedKeys.length + " keys, "
                    + rows.length + " values, width " + width);
        }
        int capacity = 4;
        while (capacity * MAX_LOAD < sortedKeys.length + 1) {
            capacity <<= 1;
        }
        this.slots = new long[2 * capacity];
        this.rows = rows;
        this.width = width;
        this.shift = 64 - Integer.numberOfTrailingZeros(capacity);
        Arrays.fill(slots, EMPTY);
        for (int row = 0; row < sortedKeys.length; row++) {
            int slot = slotFor(sortedKeys[row]);
            if (slots[slot] == sortedKeys[row]) {
                throw new IllegalArgumentException("duplicate key " + Long.toHexString(sortedKeys[row]));
            }
            slots[slot] = sortedKeys[row];
            slots[slot + 1] = (long) row * width;
        }
    }

    static long pack(char a) {
        return a;
    }

    static long pack(char a, char b) {
        return ((long) a << 16) | b;
    }

    static long pack(char a, char b, char c) {
        return ((long) a << 32) | ((long) b << 16) | c;
    }

    /** Packs a string of one to three chars. */
    static long pack(String ngram) {
        return switch (ngram.length()) {
            case 1 -> pack(ngram.charAt(0));
            case 2 -> pack(ngram.charAt(0), ngram.charAt(1));
            case 3 -> pack(ngram.charAt(0), ngram.charAt(1), ngram.charAt(2));
            default -> throw new IllegalArgumentException("not a 1- to 3-char n-gram: length " + ngram.length());
        };
    }

    /** The inverse of {@link #pack(String)} for an n-gram of {@code length} chars. */
    static String unpack(long key, int length) {
        char[] chars = new char[length];
        for (int i = length - 1; i >= 0; i--) {
            chars[i] = (char) (key & 0xFFFF);
            key >>>= 16;
        }
        return new String(chars);
    }

    /** Where the key's row starts in {@link #values()}, or -1 when the key is absent. */
    int rowStart(long key) {
        int slot = slotFor(key);
        return slots[slot] == key ? (int) slots[slot + 1] : -1;
    }

    float[] values() {
        return rows;
    }

    int size() {
        return rows.length / width;
    }

    /** Heap taken by the table's arrays, in bytes. */
    long heapBytes() {
        return 8L * slots.length + 4L * rows.length;
    }

    /** The index in {@link #slots} of the key's entry, or of the empty entry where it would go. */
    private int slotFor(long key) {
        int mask = slots.length - 1;
        int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift) << 1;
        while (slots[slot] != EMPTY && slots[slot] != key) {
            slot = (slot + 2) & mask;
        }
        return slot;
    }
}
