package org.gleaner.protocol.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads the encoding that {@link CanonicalWriter} writes, checking every length against its limit before
 * allocating, rejecting non-canonical forms (booleans other than 0/1, invalid UTF-8) and trailing bytes.
 */
public final class CanonicalReader {
    private final ByteBuffer in;

    public CanonicalReader(byte[] data) {
        this.in = ByteBuffer.wrap(data);
    }

    public static CanonicalReader of(byte[] data, int maxTotal, String what) throws MalformedRecordException {
        if (data == null) {
            throw new MalformedRecordException(what + ": no data");
        }
        if (data.length > maxTotal) {
            throw new MalformedRecordException(what + " is " + data.length + " bytes, limit " + maxTotal);
        }
        return new CanonicalReader(data);
    }

    private void need(int n, String field) throws MalformedRecordException {
        if (in.remaining() < n) {
            throw new MalformedRecordException(field + ": truncated (need " + n + " bytes, have " + in.remaining() + ")");
        }
    }

    public int u8(String field) throws MalformedRecordException {
        need(1, field);
        return in.get() & 0xFF;
    }

    public boolean bool(String field) throws MalformedRecordException {
        int value = u8(field);
        if (value > 1) {
            throw new MalformedRecordException(field + ": boolean must be 0 or 1, got " + value);
        }
        return value == 1;
    }

    public int u16(String field) throws MalformedRecordException {
        need(2, field);
        return in.getShort() & 0xFFFF;
    }

    public long u32(String field) throws MalformedRecordException {
        need(4, field);
        return in.getInt() & 0xFFFF_FFFFL;
    }

    public long i64(String field) throws MalformedRecordException {
        need(8, field);
        return in.getLong();
    }

    public long nonNegativeI64(String field) throws MalformedRecordException {
        long value = i64(field);
        if (value < 0) {
            throw new MalformedRecordException(field + ": must not be negative");
        }
        return value;
    }

    public Bytes fixed(String field, int length) throws MalformedRecordException {
        need(length, field);
        byte[] value = new byte[length];
        in.get(value);
        return Bytes.wrap(value);
    }

    public Bytes bytes(String field, int maxLength) throws MalformedRecordException {
        long length = u32(field + ".length");
        if (length > maxLength) {
            throw new MalformedRecordException(field + ": " + length + " bytes, limit " + maxLength);
        }
        return fixed(field, (int) length);
    }

    public String string(String field, int maxUtf8Bytes) throws MalformedRecordException {
        Bytes raw = bytes(field, maxUtf8Bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw.unsafeArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedRecordException(field + ": invalid UTF-8", e);
        }
    }

    public <T> List<T> list(String field, int maxItems, ElementReader<T> element) throws MalformedRecordException {
        long count = u32(field + ".count");
        if (count > maxItems) {
            throw new MalformedRecordException(field + ": " + count + " items, limit " + maxItems);
        }
        List<T> items = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            items.add(element.read(this, field + "[" + i + "]"));
        }
        return Collections.unmodifiableList(items);
    }

    /** Requires the whole input consumed: trailing bytes would give one value two encodings. */
    public void finish(String what) throws MalformedRecordException {
        if (in.hasRemaining()) {
            throw new MalformedRecordException(what + ": " + in.remaining() + " trailing bytes");
        }
    }

    @FunctionalInterface
    public interface ElementReader<T> {
        T read(CanonicalReader reader, String field) throws MalformedRecordException;
    }
}
