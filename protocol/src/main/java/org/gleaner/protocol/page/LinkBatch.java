package org.gleaner.protocol.page;

import java.util.List;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalReader;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Limits;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;
import org.gleaner.protocol.codec.Signable;

/** Outlinks a node discovered on one page, sent back to the coordinator on {@code gleaner.links}. */
public record LinkBatch(
        Bytes nodeKey,
        String leaseId,
        String jobId,
        String sourceUrl,
        int depth,
        List<String> urls) implements Signable {

    public static final String TYPE = "gleaner/link-batch/v1";
    public static final int VERSION = 1;
    public static final int MAX_ENCODED = FieldSizes.MAX_URLS_PER_BATCH * (FieldSizes.URL + 4) + 16_384;

    public LinkBatch {
        Limits.exactBytes("nodeKey", nodeKey, FieldSizes.KEY);
        Limits.nonEmptyText("leaseId", leaseId, FieldSizes.ID);
        Limits.nonEmptyText("jobId", jobId, FieldSizes.ID);
        Limits.nonEmptyText("sourceUrl", sourceUrl, FieldSizes.URL);
        Limits.range("depth", depth, 0, 0xFFFF);
        urls = List.copyOf(Limits.count("urls", urls, FieldSizes.MAX_URLS_PER_BATCH));
        urls.forEach(u -> Limits.nonEmptyText("url", u, FieldSizes.URL));
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
                .string(jobId)
                .string(sourceUrl)
                .u16(depth)
                .list(urls, CanonicalWriter::string)
                .toBytes();
    }

    public static LinkBatch read(CanonicalReader r) throws MalformedRecordException {
        RecordDecoding.expectVersion(r, "links", VERSION);
        return new LinkBatch(
                r.fixed("nodeKey", FieldSizes.KEY),
                r.string("leaseId", FieldSizes.ID),
                r.string("jobId", FieldSizes.ID),
                r.string("sourceUrl", FieldSizes.URL),
                r.u16("depth"),
                r.list("urls", FieldSizes.MAX_URLS_PER_BATCH, (rr, f) -> rr.string(f, FieldSizes.URL)));
    }

    public static LinkBatch decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, MAX_ENCODED, "links", LinkBatch::read);
    }
}
