package org.gleaner.devnet;

import java.util.List;
import java.util.Locale;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.devnet.nodes.NodeFleet;
import org.gleaner.node.NodeStats;

/**
 * Shows the crawl while it runs, from the running nodes and coordinator: URLs found, pages credited, spot
 * checks waiting, pages and bytes per node. On a terminal it rewrites one line four times a second;
 * otherwise (logs, tests) it prints a line every two seconds.
 */
final class CrawlProgress {
    private static final long TERMINAL_EVERY_NANOS = 250_000_000L;
    private static final long LOG_EVERY_NANOS = 2_000_000_000L;

    private final StoryLog log;
    private final long startedNanos = System.nanoTime();
    private long lastNanos;

    CrawlProgress(StoryLog log) {
        this.log = log;
    }

    void tick(Coordinator coordinator, List<NodeFleet.Member> nodes) {
        long now = System.nanoTime();
        if (lastNanos != 0 && now - lastNanos < (log.terminal() ? TERMINAL_EVERY_NANOS : LOG_EVERY_NANOS)) {
            return;
        }
        lastNanos = now;
        log.status(line(coordinator, nodes, now - startedNanos));
    }

    void finish(Coordinator coordinator, List<NodeFleet.Member> nodes) {
        log.status(line(coordinator, nodes, System.nanoTime() - startedNanos));
        log.endStatus();
    }

    static String line(Coordinator coordinator, List<NodeFleet.Member> nodes, long elapsedNanos) {
        Coordinator.Stats s = coordinator.stats();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "crawl %4.1fs: %d URLs, %d credited, %d spot checks waiting |", elapsedNanos / 1e9, s.discoveredUrls(),
                s.creditedPages(), coordinator.pendingSpotChecks()));
        for (NodeFleet.Member m : nodes) {
            NodeStats n = m.node().stats();
            b.append(String.format(Locale.ROOT, " %s %d pg %s", m.name(), n.pages(), SummaryPrinter.human(n.wireBytes())));
        }
        return b.toString();
    }
}
