package org.gleaner.coordinator.shard;

import java.util.List;
import org.gleaner.coordinator.Coordinator;

/**
 * What one frontier partition knows, as its owner reports it to the REST API of any instance: each job's progress in
 * this partition and the partition's lease counts. The network's figures are the sums over every partition.
 */
record PartitionReport(int partition, List<Coordinator.JobProgress> jobs, int discoveredUrls, int leasesIssued,
        int leasesCompleted, int leasesExpired, long creditedPages, int pendingSpotChecks) {
    static final int MAX_JOBS = 4096;

    PartitionReport {
        if (partition < 0 || jobs == null || jobs.size() > MAX_JOBS) {
            throw new IllegalArgumentException("a partition report needs a partition >= 0 and at most " + MAX_JOBS + " jobs");
        }
        jobs = List.copyOf(jobs);
    }

    static PartitionReport of(FrontierShard shard) {
        Coordinator c = shard.coordinator();
        Coordinator.Stats s = c.stats();
        return new PartitionReport(shard.partition(), c.jobs(), s.discoveredUrls(), s.leasesIssued(), s.leasesCompleted(),
                s.leasesExpired(), s.creditedPages(), c.pendingSpotChecks());
    }
}
