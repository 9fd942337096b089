package org.gleaner.ledger.binding;

import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Limits;
import org.gleaner.protocol.codec.Signable;
import org.gleaner.protocol.ledger.IdentifierKind;

/**
 * A subject's signed request to start an ownership challenge: which identifier (as typed), for which key,
 * when, with a nonce. It is never appended to the log; it only proves to the service that the key's holder
 * asked, so nobody can make the ledger mail or fetch on someone else's behalf.
 */
public record ChallengeRequest(IdentifierKind kind, String identifier, Bytes subjectKey, long timestampMillis, Bytes nonce)
        implements Signable {
    public static final String RECORD_TYPE = "gleaner/ledger/challenge-request/v1";
    public static final int VERSION = 1;
    public static final int MAX_IDENTIFIER = 320;

    public ChallengeRequest {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        Limits.nonEmptyText("identifier", identifier, MAX_IDENTIFIER);
        Limits.exactBytes("subjectKey", subjectKey, FieldSizes.KEY);
        Limits.nonNegative("timestampMillis", timestampMillis);
        Limits.exactBytes("nonce", nonce, FieldSizes.NONCE);
    }

    @Override
    public String recordType() {
        return RECORD_TYPE;
    }

    @Override
    public Bytes encode() {
        return new CanonicalWriter(MAX_IDENTIFIER + 96)
                .u8(VERSION)
                .u8(kind.code())
                .string(identifier)
                .fixed(subjectKey)
                .i64(timestampMillis)
                .fixed(nonce)
                .toBytes();
    }
}
