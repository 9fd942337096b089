package org.gleaner.protocol.ledger;

import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Limits;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;

/** The subject who made grant {@code grantId} (its entry's leaf hash) ends it. Terminal: a grant is never revived. */
public record Revocation(Bytes grantId) implements LedgerPayload {
    public static final int VERSION = 1;

    public Revocation {
        Limits.exactBytes("grantId", grantId, FieldSizes.HASH);
    }

    @Override
    public EntryType entryType() {
        return EntryType.REVOCATION;
    }

    @Override
    public Bytes encode() {
        return new CanonicalWriter(40).u8(VERSION).fixed(grantId).toBytes();
    }

    public static Revocation decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, 1 + FieldSizes.HASH, "revocation", r -> {
            RecordDecoding.expectVersion(r, "revocation", VERSION);
            return new Revocation(r.fixed("grantId", FieldSizes.HASH));
        });
    }
}
