package org.gleaner.protocol.lease;

import java.util.List;
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
 * Work the coordinator hands one node: URLs of one host, valid until {@code expiresAtMillis}, to be fetched
 * no faster than {@code crawlDelayMillis} apart. Signed by the coordinator so a node can prove what it was
 * asked to fetch.
 */
public record CrawlLease(
        String leaseId,
        String jobId,
        Bytes nodeKey,
        String host,
        List<LeasedUrl> urls,
        long issuedAtMillis,
        long expiresAtMillis,
        long crawlDelayMillis,
        Bytes nonce) implements Signable {

    public static final String TYPE = "gleaner/crawl-lease/v1";
    public static final int VERSION = 1;
    public static final int MAX_ENCODED = FieldSizes.MAX_URLS_PER_BATCH * (FieldSizes.URL + 8) + 4096;

    public CrawlLease {
        Limits.nonEmptyText("leaseId", leaseId, FieldSizes.ID);
        Limits.nonEmptyText("jobId", jobId, FieldSizes.ID);
        Limits.exactBytes("nodeKey", nodeKey, FieldSizes.KEY);
        Limits.nonEmptyText("host", host, FieldSizes.HOST);
        urls = List.copyOf(Limits.count("urls", urls, FieldSizes.MAX_URLS_PER_BATCH));
        Limits.nonNegative("issuedAtMillis", issuedAtMillis);
        Limits.nonNegative("crawlDelayMillis", crawlDelayMillis);
        if (expiresAtMillis <= issuedAtMillis) {
            throw new FieldLimitException("expiresAtMillis must be after issuedAtMillis");
        }
        Limits.exactBytes("nonce", nonce, FieldSizes.NONCE);
    }

    public boolean isLiveAt(long nowMillis) {
        return nowMillis < expiresAtMillis;
    }

    @Override
    public String recordType() {
        return TYPE;
    }

    @Override
    public Bytes encode() {
        return new CanonicalWriter(urls.size() * 64 + 256)
                .u8(VERSION)
                .string(leaseId)
                .string(jobId)
                .fixed(nodeKey)
                .string(host)
                .list(urls, LeasedUrl::write)
                .i64(issuedAtMillis)
                .i64(expiresAtMillis)
                .i64(crawlDelayMillis)
                .fixed(nonce)
                .toBytes();
    }

    public static CrawlLease read(CanonicalReader r) throws MalformedRecordException {
        RecordDecoding.expectVersion(r, "lease", VERSION);
        return new CrawlLease(
                r.string("leaseId", FieldSizes.ID),
                r.string("jobId", FieldSizes.ID),
                r.fixed("nodeKey", FieldSizes.KEY),
                r.string("host", FieldSizes.HOST),
                r.list("urls", FieldSizes.MAX_URLS_PER_BATCH, LeasedUrl::read),
                r.nonNegativeI64("issuedAtMillis"),
                r.i64("expiresAtMillis"),
                r.nonNegativeI64("crawlDelayMillis"),
                r.fixed("nonce", FieldSizes.NONCE));
    }

    public static CrawlLease decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, MAX_ENCODED, "lease", CrawlLease::read);
    }
}
