package org.gleaner.devnet;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.devnet.nodes.NodeFleet;
import org.gleaner.node.NodeStats;

/**
 * Shows the crawl while it runs, from the running nodes and coordinator: pages and bytes per node, credited
 * pages, spot checks waiting. On a terminal it rewrites one line; otherwise (logs, tests) it prints a line
 * every few seconds.
 */
final class CrawlProgress {
    private static final long TERMINAL_EVERY_NANOS = 250_000_000L;
    private static final long LOG_EVERY_NANOS = 2_000_000_000L;

    private final StoryLog log;
    private final PrintStream out;
    private final boolean terminal;
    private final long startedNanos = System.nanoTime();
    private long lastNanos;
    private int lastLength;

    CrawlProgress(StoryLog log, boolean terminal) {
        this.log = log;
        this.out = log.stream();
        this.terminal = terminal;
    }

    void tick(Coordinator coordinator, List<NodeFleet.Member> nodes) {
        long now = System.nanoTime();
        if (now - lastNanos < (terminal ? TERMINAL_EVERY_NANOS : LOG_EVERY_NANOS)) {
            return;
        }
        lastNanos = now;
        show(line(coordinator, nodes, now));
    }

    void finish(Coordinator coordinator, List<NodeFleet.Member> nodes) {
        show(line(coordinator, nodes, System.nanoTime()));
        if (terminal) {
            out.println();
        }
    }

    private void show(String text) {
        String line = log.prefix() + text;
        if (terminal) {
            int pad = Math.max(0, lastLength - line.length());
            out.print("\r" + line + " ".repeat(pad));
            out.flush();
            lastLength = line.length();
        } else {
            out.println(line);
        }
    }

    static String line(Coordinator coordinator, List<NodeFleet.Member> nodes, long nowNanos, long startedNanos) {
        Coordinator.Stats s = coordinator.stats();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "crawl %4.1fs: %d URLs, %d credited, %d spot checks waiting |",
                (nowNanos - startedNanos) / 1e9, s.discoveredUrls(), s.creditedPages(), coordinator.pendingSpotChecks()));
        for (NodeFleet.Member m : nodes) {
            NodeStats n = m.node().stats();
            b.append(String.format(Locale.ROOT, " %s %d pg %s", m.name(), n.pages(), SummaryPrinter.human(n.wireBytes())));
        }
        return b.toString();
    }

    private String line(Coordinator coordinator, List<NodeFleet.Member> nodes, long now) {
        return line(coordinator, nodes, now, startedNanos);
    }
}
