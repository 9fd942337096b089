package org.gleaner.protocol.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes the canonical encoding: big-endian fixed-width integers, length-prefixed (u32) byte and UTF-8
 * strings, count-prefixed (u32) lists, booleans as one byte 0 or 1. Fields are written in declaration
 * order and nothing is optional, so one value has exactly one encoding.
 */
public final class CanonicalWriter {
    private final ByteArrayOutputStream out;

    public CanonicalWriter() {
        this(256);
    }

    public CanonicalWriter(int initialCapacity) {
        this.out = new ByteArrayOutputStream(initialCapacity);
    }

    public CanonicalWriter u8(int value) {
        if (value < 0 || value > 0xFF) {
            throw new FieldLimitException("u8 out of range: " + value);
        }
        out.write(value);
        return this;
    }

    public CanonicalWriter bool(boolean value) {
        return u8(value ? 1 : 0);
    }

    public CanonicalWriter u16(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new FieldLimitException("u16 out of range: " + value);
        }
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    public CanonicalWriter u32(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new FieldLimitException("u32 out of range: " + value);
        }
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    public CanonicalWriter i64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    public CanonicalWriter fixed(Bytes value) {
        out.writeBytes(value.unsafeArray());
        return this;
    }

    public CanonicalWriter bytes(Bytes value) {
        u32(value.length());
        return fixed(value);
    }

    public CanonicalWriter bytes(byte[] value) {
        u32(value.length);
        out.writeBytes(value);
        return this;
    }

    public CanonicalWriter string(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    public <T> CanonicalWriter list(List<T> items, BiConsumer<CanonicalWriter, T> element) {
        u32(items.size());
        for (T item : items) {
            element.accept(this, item);
        }
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    public Bytes toBytes() {
        return Bytes.wrap(out.toByteArray());
    }
}
