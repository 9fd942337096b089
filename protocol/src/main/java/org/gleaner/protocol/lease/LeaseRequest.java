package org.gleaner.protocol.lease;

import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalReader;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Limits;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;
import org.gleaner.protocol.codec.Signable;

/** A node's signed ask for work. The nonce and timestamp let the coordinator refuse replays. */
public record LeaseRequest(Bytes nodeKey, int maxUrls, long requestedAtMillis, Bytes nonce) implements Signable {
    public static final String TYPE = "gleaner/lease-request/v1";
    public static final int VERSION = 1;
    public static final int MAX_ENCODED = 256;

    public LeaseRequest {
        Limits.exactBytes("nodeKey", nodeKey, FieldSizes.KEY);
        Limits.range("maxUrls", maxUrls, 1, FieldSizes.MAX_URLS_PER_BATCH);
        Limits.nonNegative("requestedAtMillis", requestedAtMillis);
        Limits.exactBytes("nonce", nonce, FieldSizes.NONCE);
    }

    @Override
    public String recordType() {
        return TYPE;
    }

    @Override
    public Bytes encode() {
        return new CanonicalWriter().u8(VERSION).fixed(nodeKey).u16(maxUrls).i64(requestedAtMillis).fixed(nonce).toBytes();
    }

    public static LeaseRequest read(CanonicalReader r) throws MalformedRecordException {
        RecordDecoding.expectVersion(r, "leaseRequest", VERSION);
        return new LeaseRequest(r.fixed("nodeKey", FieldSizes.KEY), r.u16("maxUrls"),
                r.nonNegativeI64("requestedAtMillis"), r.fixed("nonce", FieldSizes.NONCE));
    }

    public static LeaseRequest decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, MAX_ENCODED, "leaseRequest", LeaseRequest::read);
    }
}
