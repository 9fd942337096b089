package org.gleaner.coordinator.journal;

import java.util.List;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.lease.LeaseState;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeasedUrl;

/**
 * A change to the coordinator's job and lease state, written to the journal topic before it takes effect, so
 * that a restarted coordinator rebuilds the same frontier and live leases.
 */
public sealed interface JournalEvent {
    record JobSubmitted(CrawlJob job) implements JournalEvent {
    }

    /** URLs a node's outlinks added to the frontier (already normalized, in scope and within budget). */
    record UrlsQueued(String jobId, List<LeasedUrl> urls) implements JournalEvent {
        public UrlsQueued {
            urls = List.copyOf(urls);
        }
    }

    record LeaseGranted(Signed<CrawlLease> lease) implements JournalEvent {
    }

    record LeaseSettled(String leaseId, LeaseState state, long atMillis) implements JournalEvent {
    }

    /** An epoch's reward tree was built and its root published; the next epoch is {@code epoch + 1}. */
    record EpochClosed(long epoch, long treeSize, org.gleaner.protocol.codec.Bytes rootHash, long closedAtMillis) implements JournalEvent {
    }

    /**
     * A fraud signal that no credit event carries (a refused lease request), kept so that it survives a restart; raised
     * once per node and window (the window's start, or {@link #UNKNOWN_WINDOW} for events journaled before windows). In a
     * shared frontier the instance that refused the request also sends it through the frontier topic to the partition
     * that keeps the node's signals ({@code murmur2(nodeId) mod P}).
     */
    record SignalRaised(String nodeId, org.gleaner.coordinator.credit.ReasonCode reason, long windowStartMillis) implements JournalEvent {
        public static final long UNKNOWN_WINDOW = -1;
    }

    /** The lease's uncredited URLs went back to the frontier; pages that still arrive for it earn nothing. */
    record LeaseReleased(String leaseId) implements JournalEvent {
    }

    /**
     * The node of a live lease handed back the URLs at {@code positions} unfetched and ended the lease (a
     * {@link LeaseSettled} follows); they went back to the frontier at once.
     */
    record UrlsHandedBack(String leaseId, List<Integer> positions) implements JournalEvent {
        public UrlsHandedBack {
            positions = List.copyOf(positions);
        }
    }

    /**
     * Shared frontier: partition {@code partition} asks the keeper of the job's page budget for a total allowance of
     * {@code wanted} URLs (every URL it found). Idempotent: it carries a total, not an increment.
     */
    record BudgetRequested(String jobId, int partition, long wanted) implements JournalEvent {
        public BudgetRequested {
            if (partition < 0 || wanted < 0) {
                throw new IllegalArgumentException("partition and wanted must not be negative");
            }
        }
    }

    /**
     * Shared frontier: the keeper of the job's page budget allows partition {@code partition} {@code total} URLs in all;
     * {@code exhausted} when the whole budget is granted. Journaled by the keeper (what it granted) and by the receiving
     * partition (what it may crawl); idempotent, since it carries a total.
     */
    record BudgetGranted(String jobId, int partition, long total, boolean exhausted) implements JournalEvent {
        public BudgetGranted {
            if (partition < 0 || total < 0) {
                throw new IllegalArgumentException("partition and total must not be negative");
            }
        }
    }

    /**
     * The coordinator drew who fetches {@code url} again for the check of the page delivered under
     * {@code originalLeaseId}: the checker, or ({@code arbitration}) the arbiters of a dispute. {@code assignees} is the
     * stage's whole current assignment ({@code wanted} nodes when enough were eligible); {@code replaced} are the nodes
     * that did not answer in time and may not be drawn again for this check. Journaled so that a restart keeps the choice.
     */
    record SpotCheckAssigned(String url, String originalLeaseId, boolean arbitration, int wanted, List<String> assignees,
            List<String> replaced) implements JournalEvent {
        public static final int MAX_NODES = 8;

        public SpotCheckAssigned {
            assignees = List.copyOf(assignees);
            replaced = List.copyOf(replaced);
            if (wanted < 1 || wanted > 2 || assignees.size() > wanted || replaced.size() > MAX_NODES) {
                throw new IllegalArgumentException("1 or 2 wanted, at most that many assignees and " + MAX_NODES + " replaced");
            }
        }
    }
}
