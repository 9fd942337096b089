package org.gleaner.protocol.codec;

/** Runs a decoder so that a field check failing inside a record constructor surfaces as a typed decode error. */
public final class RecordDecoding {
    private RecordDecoding() {
    }

    public static <T> T decode(byte[] data, int maxTotal, String what, Decoder<T> decoder)
            throws MalformedRecordException {
        CanonicalReader reader = CanonicalReader.of(data, maxTotal, what);
        try {
            T value = decoder.read(reader);
            reader.finish(what);
            return value;
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException(what + ": " + e.getMessage(), e);
        }
    }

    public static void expectVersion(CanonicalReader reader, String what, int supported) throws MalformedRecordException {
        int version = reader.u8(what + ".version");
        if (version != supported) {
            throw new MalformedRecordException(what + ": unsupported version " + version + " (supported: " + supported + ")");
        }
    }

    @FunctionalInterface
    public interface Decoder<T> {
        T read(CanonicalReader reader) throws MalformedRecordException;
    }
}
