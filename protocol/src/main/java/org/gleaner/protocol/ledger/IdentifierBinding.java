package org.gleaner.protocol.ledger;

import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Limits;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;

/**
 * The ledger's identity verifier (the entry's author) attests that the subject holding {@code subjectKey}
 * proved ownership of the identifier whose commitment is {@code commitment}, by {@code method}. The
 * identifier itself never appears: only its keyed-hash commitment.
 */
public record IdentifierBinding(IdentifierKind kind, Bytes commitment, Bytes subjectKey, String method)
        implements LedgerPayload {
    public static final int VERSION = 1;
    public static final int MAX_METHOD = 64;

    public IdentifierBinding {
        if (kind == null) {
            throw new org.gleaner.protocol.codec.FieldLimitException("kind is required");
        }
        Limits.exactBytes("commitment", commitment, FieldSizes.HASH);
        Limits.exactBytes("subjectKey", subjectKey, FieldSizes.KEY);
        Limits.nonEmptyText("method", method, MAX_METHOD);
    }

    @Override
    public EntryType entryType() {
        return EntryType.IDENTIFIER_BINDING;
    }

    @Override
    public Bytes encode() {
        return new CanonicalWriter(160).u8(VERSION).u8(kind.code()).fixed(commitment).fixed(subjectKey)
                .string(method).toBytes();
    }

    public static IdentifierBinding decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, 2 + 2 * FieldSizes.HASH + 4 + MAX_METHOD, "identifierBinding", r -> {
            RecordDecoding.expectVersion(r, "identifierBinding", VERSION);
            return new IdentifierBinding(IdentifierKind.fromCode(r.u8("kind")), r.fixed("commitment", FieldSizes.HASH),
                    r.fixed("subjectKey", FieldSizes.KEY), r.string("method", MAX_METHOD));
        });
    }
}
