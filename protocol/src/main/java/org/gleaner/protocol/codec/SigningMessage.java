package org.gleaner.protocol.codec;

/**
 * The bytes that get signed: a fixed context string, the record type and the network or ledger origin, each
 * length-prefixed, then the record's canonical body. A signature over one type or origin therefore never
 * verifies as another (no cross-type or cross-network replay).
 */
public final class SigningMessage {
    static final String CONTEXT = "gleaner-signature-v1";

    private SigningMessage() {
    }

    public static byte[] of(String recordType, String origin, Bytes body) {
        Limits.nonEmptyText("recordType", recordType, 128);
        Limits.nonEmptyText("origin", origin, 256);
        return new CanonicalWriter(body.length() + 64)
                .string(CONTEXT)
                .string(recordType)
                .string(origin)
                .bytes(body)
                .toByteArray();
    }
}
