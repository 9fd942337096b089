package org.gleaner.coordinator.frontier;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A lab's crawl job: seeds, scope, the page and depth limits, and its purpose. Scope: the URL's host is one of
 * {@code allowedHosts} ({@code *.example.com} admits example.com and every subdomain), and, when given, the URL starts with
 * one of {@code prefixes} and matches one of {@code patterns} ({@code *} wildcards). Hosts and prefixes are
 * normalized the way URLs are, so "Example.COM" and "example.com:80" name the same scope.
 */
public record CrawlJob(String jobId, List<String> seeds, Set<String> allowedHosts, int maxPages, int maxDepth, String purpose,
        List<String> prefixes, List<UrlPattern> patterns, java.time.Duration recrawlInterval) {
    public static final int MAX_HOSTS = 10_000;
    public static final int MAX_RULES = 100;
    /** The shortest recrawl interval: a page is not fetched again sooner on behalf of one job. */
    public static final java.time.Duration MIN_RECRAWL = java.time.Duration.ofSeconds(1);
    public static final java.time.Duration MAX_RECRAWL = java.time.Duration.ofDays(366);

    public CrawlJob {
        recrawlInterval = recrawlInterval == null ? java.time.Duration.ZERO : recrawlInterval;
        if (!recrawlInterval.isZero() && (recrawlInterval.compareTo(MIN_RECRAWL) < 0 || recrawlInterval.compareTo(MAX_RECRAWL) > 0)) {
            throw new IllegalArgumentException("recrawlInterval must be 0 (none) or between 1 s and 366 days");
        }
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
        prefixes = prefixes == null ? List.of() : prefixes;
        patterns = patterns == null ? List.of() : List.copyOf(patterns);
        if (prefixes.size() > MAX_RULES || patterns.size() > MAX_RULES) {
            throw new IllegalArgumentException("at most " + MAX_RULES + " prefixes and " + MAX_RULES + " patterns");
        }
        seeds = List.copyOf(seeds);
        Set<String> hosts = new TreeSet<>();
        for (String host : allowedHosts) {
            hosts.add(normalizeHost(host));
        }
        allowedHosts = Set.copyOf(hosts);
        prefixes = prefixes.stream().map(p -> UrlNormalizer.normalize(p)
                .orElseThrow(() -> new IllegalArgumentException("a prefix must be an http(s) URL: " + p))).toList();
    }

    public CrawlJob(String jobId, List<String> seeds, Set<String> allowedHosts, int maxPages, int maxDepth, String purpose) {
        this(jobId, seeds, allowedHosts, maxPages, maxDepth, purpose, List.of(), List.of());
    }

    public CrawlJob(String jobId, List<String> seeds, Set<String> allowedHosts, int maxPages, int maxDepth, String purpose,
            List<String> prefixes, List<UrlPattern> patterns) {
        this(jobId, seeds, allowedHosts, maxPages, maxDepth, purpose, prefixes, patterns, java.time.Duration.ZERO);
    }

    /** Whether pages of this job are fetched again, each after the interval since it was last credited. */
    public boolean recrawls() {
        return !recrawlInterval.isZero();
    }

    /** Whether a normalized URL is in this job's scope. */
    public boolean inScope(String normalizedUrl) {
        String host = UrlNormalizer.hostKey(normalizedUrl);
        if (!allowedHosts.contains(host) && !underWildcardDomain(host)) {
            return false;
        }
        return (prefixes.isEmpty() || prefixes.stream().anyMatch(normalizedUrl::startsWith))
                && (patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matches(normalizedUrl)));
    }

    private boolean underWildcardDomain(String host) {
        if (allowedHosts.contains("*." + host)) {
            return true;
        }
        for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
            if (allowedHosts.contains("*" + host.substring(dot))) {
                return true;
            }
        }
        return false;
    }

    private static String normalizeHost(String host) {
        if (host == null || host.isBlank() || host.contains("/") || host.contains("@")) {
            throw new IllegalArgumentException("allowed host is not a host name: " + host);
        }
        String trimmed = host.trim();
        boolean wildcard = trimmed.startsWith("*.");
        String name = wildcard ? trimmed.substring(2) : trimmed;
        String normalized = UrlNormalizer.normalize("http://" + name + "/").map(UrlNormalizer::hostKey)
                .orElseThrow(() -> new IllegalArgumentException("allowed host is not a host name: " + host));
        return wildcard ? "*." + normalized : normalized;
    }
}
