package org.gleaner.protocol.codec;

import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.crypto.Ed25519PublicKey;

/**
 * A record with an Ed25519 signature over {@link SigningMessage#of its signing message}. Encoded as the
 * length-prefixed record followed by the 64-byte signature.
 */
public record Signed<T extends Signable>(T record, Bytes signature) {
    public static final int SIGNATURE_BYTES = 64;

    public Signed {
        if (record == null) {
            throw new FieldLimitException("record is required");
        }
        Limits.exactBytes("signature", signature, SIGNATURE_BYTES);
    }

    public static <T extends Signable> Signed<T> sign(T record, String origin, Ed25519KeyPair key) {
        byte[] message = SigningMessage.of(record.recordType(), origin, record.encode());
        return new Signed<>(record, Bytes.of(key.sign(message)));
    }

    /** Strict RFC 8032 verification of this signature by {@code signer} for {@code origin}. */
    public boolean verifies(String origin, Ed25519PublicKey signer) {
        byte[] message = SigningMessage.of(record.recordType(), origin, record.encode());
        return signer.verify(message, signature.toArray());
    }

    public Bytes encode() {
        Bytes body = record.encode();
        return new CanonicalWriter(body.length() + 80).bytes(body).fixed(signature).toBytes();
    }

    public static <T extends Signable> Signed<T> read(CanonicalReader reader, String field, int maxRecordBytes,
            RecordDecoding.Decoder<T> recordDecoder) throws MalformedRecordException {
        Bytes body = reader.bytes(field + ".record", maxRecordBytes);
        T record = RecordDecoding.decode(body.unsafeArray(), maxRecordBytes, field + ".record", recordDecoder);
        Bytes signature = reader.fixed(field + ".signature", SIGNATURE_BYTES);
        return new Signed<>(record, signature);
    }

    public static <T extends Signable> Signed<T> decode(byte[] data, int maxRecordBytes, String what,
            RecordDecoding.Decoder<T> recordDecoder) throws MalformedRecordException {
        return RecordDecoding.decode(data, maxRecordBytes + SIGNATURE_BYTES + 8, what,
                reader -> read(reader, what, maxRecordBytes, recordDecoder));
    }
}
