package org.gleaner.protocol.ledger;

import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Limits;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;
import org.gleaner.protocol.codec.Signable;
import org.gleaner.protocol.codec.Signed;

/**
 * The subject's current key (the entry's author) hands the subject over to {@code newKey}. The new key
 * accepts with its own signature over an {@link Acceptance} naming both keys, so nobody can rotate a
 * subject to a key they do not hold. The old key is retired for good.
 */
public record KeyRotation(Bytes newKey, Bytes acceptanceSignature) implements LedgerPayload {
    public static final int VERSION = 1;

    public KeyRotation {
        Limits.exactBytes("newKey", newKey, FieldSizes.KEY);
        Limits.exactBytes("acceptanceSignature", acceptanceSignature, Signed.SIGNATURE_BYTES);
    }

    @Override
    public EntryType entryType() {
        return EntryType.KEY_ROTATION;
    }

    @Override
    public Bytes encode() {
        return new CanonicalWriter(128).u8(VERSION).fixed(newKey).fixed(acceptanceSignature).toBytes();
    }

    public static KeyRotation decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, 1 + FieldSizes.KEY + Signed.SIGNATURE_BYTES, "keyRotation", r -> {
            RecordDecoding.expectVersion(r, "keyRotation", VERSION);
            return new KeyRotation(r.fixed("newKey", FieldSizes.KEY), r.fixed("acceptanceSignature", Signed.SIGNATURE_BYTES));
        });
    }

    /** What the new key signs (with the ledger origin) to accept the subject. */
    public record Acceptance(Bytes oldKey, Bytes newKey) implements Signable {
        public Acceptance {
            Limits.exactBytes("oldKey", oldKey, FieldSizes.KEY);
            Limits.exactBytes("newKey", newKey, FieldSizes.KEY);
        }

        @Override
        public String recordType() {
            return "gleaner/ledger/key-rotation-acceptance/v1";
        }

        @Override
        public Bytes encode() {
            return new CanonicalWriter(64).fixed(oldKey).fixed(newKey).toBytes();
        }
    }
}
