package org.gleaner.coordinator.shard;

import java.util.HashMap;
import java.util.Map;
import org.gleaner.coordinator.journal.JournalEvent;

/**
 * The page budgets this partition keeps: partition {@code partitionOf(jobId)} keeps job {@code jobId}'s budget and
 * grants other partitions (and itself) allowance from it, so that all of them together never queue more than the
 * job's {@code maxPages} URLs. What it granted is journaled in its own journal partition with the consumer offsets of
 * the request, so a new owner of the partition rebuilds it and never grants the same pages twice.
 */
final class JobBudgets {
    private final int partition;
    private final HostPartitioner partitioner;
    private final Map<String, Map<Integer, Long>> granted = new HashMap<>();

    JobBudgets(int partition, HostPartitioner partitioner) {
        this.partition = partition;
        this.partitioner = partitioner;
    }

    /** The partition that keeps a job's budget. */
    static int keeperOf(String jobId, HostPartitioner partitioner) {
        return partitioner.partitionOf(jobId);
    }

    /** Replays a grant from this partition's journal (grants it issued, and grants it received for jobs it keeps). */
    synchronized void restore(JournalEvent.BudgetGranted grant) {
        if (keeperOf(grant.jobId(), partitioner) == partition) {
            granted.computeIfAbsent(grant.jobId(), j -> new HashMap<>()).merge(grant.partition(), grant.total(), Math::max);
        }
    }

    /**
     * Answers a request for a total allowance of {@code wanted}: grants what the budget still holds, up to that, and
     * says when the budget is spent. Always answers with the partition's whole total: a partition that asks again for
     * what it was granted missed the grant (it had not taken the job up yet), and gets it again.
     */
    synchronized JournalEvent.BudgetGranted request(String jobId, int from, long wanted, long maxPages) {
        Map<Integer, Long> byPartition = granted.computeIfAbsent(jobId, j -> new HashMap<>());
        long current = byPartition.getOrDefault(from, 0L);
        long total = byPartition.values().stream().mapToLong(Long::longValue).sum();
        long more = Math.max(0, Math.min(wanted - current, maxPages - total));
        byPartition.put(from, current + more);
        return new JournalEvent.BudgetGranted(jobId, from, current + more, total + more >= maxPages);
    }
}
