package org.gleaner.protocol.ledger;

import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalReader;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldLimitException;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Limits;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;
import org.gleaner.protocol.codec.Signable;

/**
 * The envelope of every consent-ledger entry: its type, the author's key, time, a nonce for replay
 * protection, and a type-specific payload in its own canonical encoding. Personal identifiers never appear
 * in a payload in clear, only as commitments. The signing type includes the entry type, so a signature
 * over a grant can never pass as a revocation.
 */
public record LedgerEntry(EntryType type, Bytes authorKey, long timestampMillis, Bytes nonce, Bytes payload)
        implements Signable {

    public static final int VERSION = 1;
    public static final int MAX_PAYLOAD = 64 * 1024;
    public static final int MAX_ENCODED = MAX_PAYLOAD + 256;

    public LedgerEntry {
        if (type == null) {
            throw new FieldLimitException("type is required");
        }
        Limits.exactBytes("authorKey", authorKey, FieldSizes.KEY);
        Limits.nonNegative("timestampMillis", timestampMillis);
        Limits.exactBytes("nonce", nonce, FieldSizes.NONCE);
        Limits.bytes("payload", payload, MAX_PAYLOAD);
    }

    @Override
    public String recordType() {
        return "gleaner/ledger/" + type.label() + "/v1";
    }

    @Override
    public Bytes encode() {
        return new CanonicalWriter(payload.length() + 128)
                .u8(VERSION)
                .u8(type.code())
                .fixed(authorKey)
                .i64(timestampMillis)
                .fixed(nonce)
                .bytes(payload)
                .toBytes();
    }

    public static LedgerEntry read(CanonicalReader r) throws MalformedRecordException {
        RecordDecoding.expectVersion(r, "ledgerEntry", VERSION);
        return new LedgerEntry(
                EntryType.fromCode(r.u8("type")),
                r.fixed("authorKey", FieldSizes.KEY),
                r.nonNegativeI64("timestampMillis"),
                r.fixed("nonce", FieldSizes.NONCE),
                r.bytes("payload", MAX_PAYLOAD));
    }

    public static LedgerEntry decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, MAX_ENCODED, "ledgerEntry", LedgerEntry::read);
    }
}
