package org.gleaner.coordinator.frontier;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A lab's crawl job: seeds, the hosts in scope, and the page and depth limits. Hosts are normalized the way
 * URLs are (case, IDNA, default port), so "Example.COM" and "example.com:80" name the same scope.
 */
public record CrawlJob(String jobId, List<String> seeds, Set<String> allowedHosts, int maxPages, int maxDepth, String purpose) {
    public static final int MAX_HOSTS = 10_000;
    public CrawlJob {
        if (jobId == null || !jobId.matches("[a-zA-Z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("jobId must be 1-64 of [a-zA-Z0-9._-]");
        }
        if (seeds == null || seeds.isEmpty() || seeds.size() > 1000) {
            throw new IllegalArgumentException("a job needs 1-1000 seeds");
        }
        if (allowedHosts == null || allowedHosts.isEmpty() || allowedHosts.size() > MAX_HOSTS) {
            throw new IllegalArgumentException("a job needs 1-" + MAX_HOSTS + " allowed hosts");
        }
        if (maxPages < 1 || maxDepth < 0) {
            throw new IllegalArgumentException("maxPages must be >= 1 and maxDepth >= 0");
        }
        if (purpose == null || !purpose.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("purpose must be 1-64 of [a-z0-9-]");
        }
        seeds = List.copyOf(seeds);
        Set<String> hosts = new TreeSet<>();
        for (String host : allowedHosts) {
            hosts.add(normalizeHost(host));
        }
        allowedHosts = Set.copyOf(hosts);
    }

    private static String normalizeHost(String host) {
        if (host == null || host.isBlank() || host.contains("/") || host.contains("@")) {
            throw new IllegalArgumentException("allowed host is not a host name: " + host);
        }
        return UrlNormalizer.normalize("http://" + host.trim() + "/").map(UrlNormalizer::hostKey)
                .orElseThrow(() -> new IllegalArgumentException("allowed host is not a host name: " + host));
    }
}
