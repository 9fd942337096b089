package org.gleaner.coordinator.frontier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gleaner.protocol.lease.LeasedUrl;

/**
 * The URLs of one job still to be leased, queued per host, deduplicated on their normalized form, limited
 * to the job's hosts, depth and page budget. Not thread-safe: the {@code Coordinator} serializes access.
 */
public final class Frontier {
    private final CrawlJob job;
    private final Map<String, Deque<LeasedUrl>> queues = new LinkedHashMap<>();
    private final Set<String> seen = new HashSet<>();

    public Frontier(CrawlJob job) {
        this.job = job;
        job.seeds().forEach(seed -> offer(seed, 0));
    }

    public CrawlJob job() {
        return job;
    }

    /** Adds a URL if it is new, in scope and within budget; returns it, normalized, if it was queued. */
    public Optional<LeasedUrl> offer(String rawUrl, int depth) {
        if (depth > job.maxDepth() || seen.size() >= job.maxPages()) {
            return Optional.empty();
        }
        Optional<String> normalized = UrlNormalizer.normalize(rawUrl);
        if (normalized.isEmpty()) {
            return Optional.empty();
        }
        String url = normalized.get();
        String host = UrlNormalizer.hostKey(url);
        if (!job.inScope(url) || !seen.add(url)) {
            return Optional.empty();
        }
        LeasedUrl leased = new LeasedUrl(url, depth);
        queues.computeIfAbsent(host, h -> new ArrayDeque<>()).add(leased);
        return Optional.of(leased);
    }

    /** Takes up to {@code max} URLs of the first host with work that is not in {@code busyHosts}. */
    public Optional<HostBatch> take(int max, Set<String> busyHosts) {
        for (Map.Entry<String, Deque<LeasedUrl>> entry : queues.entrySet()) {
            if (entry.getValue().isEmpty() || busyHosts.contains(entry.getKey())) {
                continue;
            }
            List<LeasedUrl> batch = new ArrayList<>();
            while (batch.size() < max && !entry.getValue().isEmpty()) {
                batch.add(entry.getValue().poll());
            }
            return Optional.of(new HostBatch(entry.getKey(), batch));
        }
        return Optional.empty();
    }

    /** Re-adds a URL that was queued before a restart: it already passed scope, depth and budget checks. */
    public void restore(LeasedUrl url) {
        if (seen.add(url.url())) {
            queues.computeIfAbsent(UrlNormalizer.hostKey(url.url()), h -> new ArrayDeque<>()).add(url);
        }
    }

    /** Takes these URLs out of the queues (credited, leased or given up on before a restart). */
    public void withdraw(Set<String> urls) {
        for (Deque<LeasedUrl> queue : queues.values()) {
            queue.removeIf(u -> urls.contains(u.url()));
        }
    }

    public void withdrawIf(java.util.function.Predicate<String> url) {
        for (Deque<LeasedUrl> queue : queues.values()) {
            queue.removeIf(u -> url.test(u.url()));
        }
    }

    /** Puts back URLs of a lease that expired before they were delivered. */
    public void giveBack(String host, List<LeasedUrl> urls) {
        Deque<LeasedUrl> queue = queues.computeIfAbsent(host, h -> new ArrayDeque<>());
        for (int i = urls.size() - 1; i >= 0; i--) {
            queue.addFirst(urls.get(i));
        }
    }

    public boolean isEmpty() {
        return queues.values().stream().allMatch(Deque::isEmpty);
    }

    public int discovered() {
        return seen.size();
    }

    public record HostBatch(String host, List<LeasedUrl> urls) {
    }
}
