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
    private final java.util.function.Predicate<String> ownsHost;
    private final java.util.PriorityQueue<Due> due = new java.util.PriorityQueue<>(java.util.Comparator.comparingLong(Due::atMillis));
    private final Set<String> scheduled = new HashSet<>();
    /** With a job-wide budget: URLs found beyond the allowance granted so far, in the order they were found. */
    private final boolean grantedBudget;
    private final Deque<LeasedUrl> waiting = new ArrayDeque<>();
    private long allowance;
    private boolean budgetExhausted;

    public Frontier(CrawlJob job) {
        this(job, host -> true);
    }

    public Frontier(CrawlJob job, java.util.function.Predicate<String> ownsHost) {
        this(job, ownsHost, false);
    }

    /**
     * A frontier for the hosts {@code ownsHost} accepts (one partition of a shared frontier): seeds and URLs of
     * other hosts are left to the frontiers that own them.
     */
    /**
     * With {@code grantedBudget}, the job's page budget is shared by several frontiers: only as many URLs as the
     * allowance granted to this one ({@link #grant}) are queued, the first ones found; the others wait, in the order they
     * were found, for more allowance. The allowed URLs are therefore always the first {@code allowance} found, whatever
     * order grants and URLs are replayed in.
     */
    public Frontier(CrawlJob job, java.util.function.Predicate<String> ownsHost, boolean grantedBudget) {
        this.job = job;
        this.ownsHost = ownsHost;
        this.grantedBudget = grantedBudget;
        job.seeds().forEach(seed -> offer(seed, 0));
    }

    public CrawlJob job() {
        return job;
    }

    /** Adds a URL if it is new, in scope, of an owned host and within budget; returns it, normalized, if it was queued. */
    public Optional<LeasedUrl> offer(String rawUrl, int depth) {
        Optional<LeasedUrl> admitted = admit(rawUrl, depth);
        if (admitted.isEmpty() || seen.size() >= job.maxPages()) {
            return Optional.empty();
        }
        String url = admitted.get().url();
        String host = UrlNormalizer.hostKey(url);
        if (!ownsHost.test(host) || !seen.add(url)) {
            return Optional.empty();
        }
        LeasedUrl leased = new LeasedUrl(url, depth);
        enqueue(leased);
        return Optional.of(leased);
    }

    /** Queues a URL just added to {@code seen}, or lets it wait if it lies beyond the allowance. */
    private void enqueue(LeasedUrl url) {
        if (grantedBudget && seen.size() > allowance) {
            waiting.add(url);
        } else {
            queues.computeIfAbsent(UrlNormalizer.hostKey(url.url()), h -> new ArrayDeque<>()).add(url);
        }
    }

    /**
     * Raises the allowance to {@code total} (never lowers it) and queues the waiting URLs it now covers; with
     * {@code exhausted}, the job's budget is spent and the waiting URLs will never be crawled.
     */
    public void grant(long total, boolean exhausted) {
        allowance = Math.max(allowance, total);
        budgetExhausted |= exhausted;
        while (!waiting.isEmpty() && seen.size() - waiting.size() < allowance) {
            LeasedUrl url = waiting.poll();
            queues.computeIfAbsent(UrlNormalizer.hostKey(url.url()), h -> new ArrayDeque<>()).add(url);
        }
    }

    /** The allowance this frontier needs in total (every URL it found), if it waits for more and the budget is not spent. */
    public Optional<Long> budgetWanted() {
        return grantedBudget && !budgetExhausted && !waiting.isEmpty() ? Optional.of((long) seen.size()) : Optional.empty();
    }

    /** The URL normalized, if it is within the job's scope and depth, whichever frontier owns its host. */
    public Optional<LeasedUrl> admit(String rawUrl, int depth) {
        if (depth > job.maxDepth()) {
            return Optional.empty();
        }
        return UrlNormalizer.normalize(rawUrl).filter(job::inScope).map(url -> new LeasedUrl(url, depth));
    }

    public boolean ownsHost(String host) {
        return ownsHost.test(host);
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

    /**
     * Schedules a credited URL to be queued again once the job's recrawl interval has passed since
     * {@code creditedAtMillis}; does nothing for a job without one, or if the URL is already scheduled.
     */
    public void scheduleRecrawl(LeasedUrl url, long creditedAtMillis) {
        long interval = job.recrawlInterval().toMillis();
        if (interval > 0 && scheduled.add(url.url())) {
            due.add(new Due(url, creditedAtMillis + interval));
        }
    }

    /** Queues the URLs whose recrawl time has come (at the front of their host's queue). */
    public void promoteDue(long nowMillis) {
        while (!due.isEmpty() && due.peek().atMillis() <= nowMillis) {
            LeasedUrl url = due.poll().url();
            scheduled.remove(url.url());
            queues.computeIfAbsent(UrlNormalizer.hostKey(url.url()), h -> new ArrayDeque<>()).addFirst(url);
        }
    }

    /** URLs waiting for their recrawl time. */
    public int scheduledCount() {
        return due.size();
    }

    private record Due(LeasedUrl url, long atMillis) {
    }

    /** URLs waiting in the host queues. */
    public int queuedCount() {
        return queues.values().stream().mapToInt(Deque::size).sum();
    }

    /** Re-adds a URL that was queued before a restart: it already passed scope, depth and budget checks. */
    public void restore(LeasedUrl url) {
        if (seen.add(url.url())) {
            enqueue(url);
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

    /** Nothing queued, and nothing waiting for allowance that may still come. */
    public boolean isEmpty() {
        return queues.values().stream().allMatch(Deque::isEmpty) && (waiting.isEmpty() || budgetExhausted);
    }

    /** URLs found and within the budget (with a shared budget: within this frontier's allowance). */
    public int discovered() {
        return grantedBudget ? (int) Math.min(seen.size(), allowance) : seen.size();
    }

    public record HostBatch(String host, List<LeasedUrl> urls) {
    }
}
