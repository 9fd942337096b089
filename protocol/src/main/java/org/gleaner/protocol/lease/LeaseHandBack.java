package org.gleaner.protocol.lease;

import java.util.List;
import java.util.TreeSet;
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
 * A node's signed statement that it ends its live lease early and never fetched the URLs at {@code unfetched}
 * (positions in the lease's URL list, strictly increasing), so the coordinator can lease them to another node
 * at once. Positions rather than URLs keep the record small and unable to name anything the lease did not hold.
 * The nonce and timestamp let the coordinator refuse replays.
 */
public record LeaseHandBack(Bytes nodeKey, String leaseId, List<Integer> unfetched, long requestedAtMillis, Bytes nonce)
        implements Signable {
    public static final String TYPE = "gleaner/lease-hand-back/v1";
    public static final int VERSION = 1;
    public static final int MAX_ENCODED = 256 + FieldSizes.ID + 2 * FieldSizes.MAX_URLS_PER_BATCH;

    public LeaseHandBack {
        Limits.exactBytes("nodeKey", nodeKey, FieldSizes.KEY);
        Limits.nonEmptyText("leaseId", leaseId, FieldSizes.ID);
        unfetched = List.copyOf(Limits.count("unfetched", unfetched, FieldSizes.MAX_URLS_PER_BATCH));
        int previous = -1;
        for (int position : unfetched) {
            if (position <= previous || position >= FieldSizes.MAX_URLS_PER_BATCH) {
                throw new FieldLimitException("unfetched: positions must be strictly increasing and below "
                        + FieldSizes.MAX_URLS_PER_BATCH);
            }
            previous = position;
        }
        Limits.nonNegative("requestedAtMillis", requestedAtMillis);
        Limits.exactBytes("nonce", nonce, FieldSizes.NONCE);
    }

    /** The positions in {@code lease} of the URLs in {@code unfetchedUrls} (each must be in the lease). */
    public static List<Integer> positionsIn(CrawlLease lease, java.util.Collection<String> unfetchedUrls) {
        TreeSet<Integer> positions = new TreeSet<>();
        List<LeasedUrl> urls = lease.urls();
        for (int i = 0; i < urls.size(); i++) {
            if (unfetchedUrls.contains(urls.get(i).url())) {
                positions.add(i);
            }
        }
        return List.copyOf(positions);
    }

    @Override
    public String recordType() {
        return TYPE;
    }

    @Override
    public Bytes encode() {
        return new CanonicalWriter(128 + 2 * unfetched.size()).u8(VERSION).fixed(nodeKey).string(leaseId)
                .list(unfetched, CanonicalWriter::u16).i64(requestedAtMillis).fixed(nonce).toBytes();
    }

    public static LeaseHandBack read(CanonicalReader r) throws MalformedRecordException {
        RecordDecoding.expectVersion(r, "leaseHandBack", VERSION);
        return new LeaseHandBack(r.fixed("nodeKey", FieldSizes.KEY), r.string("leaseId", FieldSizes.ID),
                r.list("unfetched", FieldSizes.MAX_URLS_PER_BATCH, (rr, f) -> rr.u16(f)),
                r.nonNegativeI64("requestedAtMillis"), r.fixed("nonce", FieldSizes.NONCE));
    }

    public static LeaseHandBack decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, MAX_ENCODED, "leaseHandBack", LeaseHandBack::read);
    }
}
