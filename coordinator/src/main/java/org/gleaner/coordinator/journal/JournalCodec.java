package org.gleaner.coordinator.journal;

import java.util.List;
import java.util.TreeSet;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.frontier.UrlPattern;
import org.gleaner.coordinator.lease.LeaseState;
import org.gleaner.protocol.codec.CanonicalReader;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeasedUrl;

/** The canonical encoding of journal events: a version byte, a type byte, then the event's fields. */
public final class JournalCodec {
    public static final int VERSION = 1;
    public static final int MAX_ENCODED = CrawlLease.MAX_ENCODED + 1024;
    private static final int MAX_SEEDS = 1000;
    private static final int MAX_PURPOSE = 64;

    private JournalCodec() {
    }

    public static byte[] encode(JournalEvent event) {
        CanonicalWriter w = new CanonicalWriter(512).u8(VERSION);
        if (event instanceof JournalEvent.JobSubmitted e) {
            CrawlJob job = e.job();
            // Type 7 is type 1 with the recrawl interval after it; type 1 is still read (journals written before).
            w.u8(7).string(job.jobId()).list(job.seeds(), CanonicalWriter::string)
                    .list(List.copyOf(new TreeSet<>(job.allowedHosts())), CanonicalWriter::string)
                    .u32(job.maxPages()).u32(job.maxDepth()).string(job.purpose())
                    .list(job.prefixes(), CanonicalWriter::string)
                    .list(job.patterns().stream().map(UrlPattern::pattern).toList(), CanonicalWriter::string)
                    .i64(job.recrawlInterval().toMillis());
        } else if (event instanceof JournalEvent.UrlsQueued e) {
            w.u8(2).string(e.jobId()).list(e.urls(), LeasedUrl::write);
        } else if (event instanceof JournalEvent.LeaseGranted e) {
            w.u8(3).bytes(e.lease().encode());
        } else if (event instanceof JournalEvent.LeaseSettled e) {
            w.u8(4).string(e.leaseId()).u8(e.state().ordinal()).i64(e.atMillis());
        } else if (event instanceof JournalEvent.LeaseReleased e) {
            w.u8(5).string(e.leaseId());
        } else if (event instanceof JournalEvent.SignalRaised e) {
            // Type 56 is type 8 with the signal's window after it; type 8 is still read (journals written before).
            w.u8(56).string(e.nodeId()).string(e.reason().code()).i64(e.windowStartMillis());
        } else if (event instanceof JournalEvent.UrlsHandedBack e) {
            // Type 32, not the next free number, so that other new event types do not collide with it on merge.
            w.u8(32).string(e.leaseId()).list(e.positions(), CanonicalWriter::u16);
        } else if (event instanceof JournalEvent.BudgetRequested e) {
            // Types 40 and 41 (shared-frontier budget), away from the numbers other event types take next.
            w.u8(40).string(e.jobId()).u32(e.partition()).i64(e.wanted());
        } else if (event instanceof JournalEvent.BudgetGranted e) {
            w.u8(41).string(e.jobId()).u32(e.partition()).i64(e.total()).bool(e.exhausted());
        } else if (event instanceof JournalEvent.SpotCheckAssigned e) {
            // Type 48, well clear of the numbers other new event types may take.
            w.u8(48).string(e.url()).string(e.originalLeaseId()).u8(e.arbitration() ? 1 : 0).u8(e.wanted())
                    .list(e.assignees(), CanonicalWriter::string).list(e.replaced(), CanonicalWriter::string);
        } else if (event instanceof JournalEvent.EpochClosed e) {
            w.u8(6).i64(e.epoch()).i64(e.treeSize()).fixed(e.rootHash()).i64(e.closedAtMillis());
        }
        return w.toByteArray();
    }

    private static int partitionOf(CanonicalReader r) throws MalformedRecordException {
        long partition = r.u32("partition");
        if (partition > 100_000) {
            throw new MalformedRecordException("journalEvent.partition: " + partition + " is beyond any topic's partitions");
        }
        return (int) partition;
    }

    public static JournalEvent decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, MAX_ENCODED, "journalEvent", JournalCodec::read);
    }

    private static JournalEvent read(CanonicalReader r) throws MalformedRecordException {
        RecordDecoding.expectVersion(r, "journalEvent", VERSION);
        int type = r.u8("type");
        switch (type) {
            case 1:
            case 7: {
                String jobId = r.string("jobId", FieldSizes.ID);
                List<String> seeds = r.list("seeds", MAX_SEEDS, (rr, f) -> rr.string(f, FieldSizes.URL));
                List<String> hosts = r.list("allowedHosts", CrawlJob.MAX_HOSTS, (rr, f) -> rr.string(f, FieldSizes.HOST));
                int maxPages = (int) Math.min(Integer.MAX_VALUE, r.u32("maxPages"));
                int maxDepth = (int) Math.min(Integer.MAX_VALUE, r.u32("maxDepth"));
                String purpose = r.string("purpose", MAX_PURPOSE);
                List<String> prefixes = r.list("prefixes", CrawlJob.MAX_RULES, (rr, f) -> rr.string(f, FieldSizes.URL));
                List<UrlPattern> patterns = r.list("patterns", CrawlJob.MAX_RULES, (rr, f) -> new UrlPattern(rr.string(f, UrlPattern.MAX_LENGTH)));
                long recrawlMillis = type == 7 ? r.nonNegativeI64("recrawlMillis") : 0;
                try {
                    return new JournalEvent.JobSubmitted(new CrawlJob(jobId, seeds, new TreeSet<>(hosts), maxPages, maxDepth, purpose,
                            prefixes, patterns, java.time.Duration.ofMillis(recrawlMillis)));
                } catch (IllegalArgumentException e) {
                    throw new MalformedRecordException("journalEvent.job: " + e.getMessage());
                }
            }
            case 2:
                return new JournalEvent.UrlsQueued(r.string("jobId", FieldSizes.ID),
                        r.list("urls", FieldSizes.MAX_URLS_PER_BATCH, LeasedUrl::read));
            case 3: {
                byte[] signed = r.bytes("lease", CrawlLease.MAX_ENCODED + 128).toArray();
                return new JournalEvent.LeaseGranted(Signed.decode(signed, CrawlLease.MAX_ENCODED, "lease", CrawlLease::read));
            }
            case 4: {
                String leaseId = r.string("leaseId", FieldSizes.ID);
                int state = r.u8("state");
                if (state >= LeaseState.values().length) {
                    throw new MalformedRecordException("journalEvent.state: unknown " + state);
                }
                return new JournalEvent.LeaseSettled(leaseId, LeaseState.values()[state], r.nonNegativeI64("atMillis"));
            }
            case 5:
                return new JournalEvent.LeaseReleased(r.string("leaseId", FieldSizes.ID));
            case 6:
                return new JournalEvent.EpochClosed(r.nonNegativeI64("epoch"), r.nonNegativeI64("treeSize"),
                        r.fixed("rootHash", FieldSizes.HASH), r.nonNegativeI64("closedAtMillis"));
            case 8:
                return new JournalEvent.SignalRaised(r.string("nodeId", FieldSizes.ID),
                        org.gleaner.coordinator.credit.ReasonCode.fromCode(r.string("reason", 8)), JournalEvent.SignalRaised.UNKNOWN_WINDOW);
            case 56:
                return new JournalEvent.SignalRaised(r.string("nodeId", FieldSizes.ID),
                        org.gleaner.coordinator.credit.ReasonCode.fromCode(r.string("reason", 8)), r.nonNegativeI64("windowStartMillis"));
            case 40:
                return new JournalEvent.BudgetRequested(r.string("jobId", FieldSizes.ID), partitionOf(r), r.nonNegativeI64("wanted"));
            case 41:
                return new JournalEvent.BudgetGranted(r.string("jobId", FieldSizes.ID), partitionOf(r), r.nonNegativeI64("total"),
                        r.bool("exhausted"));
            case 32:
                return new JournalEvent.UrlsHandedBack(r.string("leaseId", FieldSizes.ID),
                        r.list("positions", FieldSizes.MAX_URLS_PER_BATCH, (rr, f) -> rr.u16(f)));
            case 48: {
                String url = r.string("url", FieldSizes.URL);
                String leaseId = r.string("originalLeaseId", FieldSizes.ID);
                int arbitration = r.u8("arbitration");
                int wanted = r.u8("wanted");
                List<String> assignees = r.list("assignees", 2, (rr, f) -> rr.string(f, FieldSizes.ID));
                List<String> replaced = r.list("replaced", JournalEvent.SpotCheckAssigned.MAX_NODES, (rr, f) -> rr.string(f, FieldSizes.ID));
                if (arbitration > 1) {
                    throw new MalformedRecordException("journalEvent.arbitration: not a flag " + arbitration);
                }
                try {
                    return new JournalEvent.SpotCheckAssigned(url, leaseId, arbitration == 1, wanted, assignees, replaced);
                } catch (IllegalArgumentException e) {
                    throw new MalformedRecordException("journalEvent.spotCheckAssigned: " + e.getMessage());
                }
            }
            default:
                throw new MalformedRecordException("journalEvent: unknown type " + type);
        }
    }
}
