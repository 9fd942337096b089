package org.gleaner.protocol.page;

import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.CanonicalReader;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.Limits;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;
import org.gleaner.protocol.codec.Signable;

/**
 * What a node attests about one fetch: which node, under which lease, which URL ended where, with what
 * status, when, and the SHA-256 and size of the body it delivered. Signed by the node's key.
 */
public record PageReceipt(
        Bytes nodeKey,
        String leaseId,
        String url,
        String finalUrl,
        int status,
        long fetchedAtMillis,
        Bytes bodySha256,
        long bodyBytes,
        Bytes nonce) implements Signable {

    public static final String TYPE = "gleaner/page-receipt/v1";
    public static final int VERSION = 1;
    public static final int MAX_ENCODED = 20_000;

    public PageReceipt {
        Limits.exactBytes("nodeKey", nodeKey, FieldSizes.KEY);
        Limits.nonEmptyText("leaseId", leaseId, FieldSizes.ID);
        Limits.nonEmptyText("url", url, FieldSizes.URL);
        Limits.nonEmptyText("finalUrl", finalUrl, FieldSizes.URL);
        Limits.range("status", status, 100, 999);
        Limits.nonNegative("fetchedAtMillis", fetchedAtMillis);
        Limits.exactBytes("bodySha256", bodySha256, FieldSizes.HASH);
        Limits.nonNegative("bodyBytes", bodyBytes);
        Limits.exactBytes("nonce", nonce, FieldSizes.NONCE);
    }

    @Override
    public String recordType() {
        return TYPE;
    }

    @Override
    public Bytes encode() {
        return new CanonicalWriter()
                .u8(VERSION)
                .fixed(nodeKey)
                .string(leaseId)
                .string(url)
                .string(finalUrl)
                .u16(status)
                .i64(fetchedAtMillis)
                .fixed(bodySha256)
                .i64(bodyBytes)
                .fixed(nonce)
                .toBytes();
    }

    public static PageReceipt read(CanonicalReader r) throws MalformedRecordException {
        RecordDecoding.expectVersion(r, "receipt", VERSION);
        return new PageReceipt(
                r.fixed("nodeKey", FieldSizes.KEY),
                r.string("leaseId", FieldSizes.ID),
                r.string("url", FieldSizes.URL),
                r.string("finalUrl", FieldSizes.URL),
                r.u16("status"),
                r.nonNegativeI64("fetchedAtMillis"),
                r.fixed("bodySha256", FieldSizes.HASH),
                r.nonNegativeI64("bodyBytes"),
                r.fixed("nonce", FieldSizes.NONCE));
    }

    public static PageReceipt decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, MAX_ENCODED, "receipt", PageReceipt::read);
    }
}
