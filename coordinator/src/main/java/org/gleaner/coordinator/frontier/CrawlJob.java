package org.gleaner.coordinator.frontier;

import java.util.List;
import java.util.Set;

/** A lab's crawl job: seeds, the hosts in scope, and the page and depth limits. */
public record CrawlJob(String jobId, List<String> seeds, Set<String> allowedHosts, int maxPages, int maxDepth, String purpose) {
    public CrawlJob {
        if (jobId == null || !jobId.matches("[a-zA-Z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("jobId must be 1-64 of [a-zA-Z0-9._-]");
        }
        if (seeds == null || seeds.isEmpty()) {
            throw new IllegalArgumentException("a job needs at least one seed");
        }
        if (maxPages < 1 || maxDepth < 0) {
            throw new IllegalArgumentException("maxPages must be >= 1 and maxDepth >= 0");
        }
        seeds = List.copyOf(seeds);
        allowedHosts = Set.copyOf(allowedHosts);
    }
}
