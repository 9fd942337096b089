package org.gleaner.devnet;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run the devnet: where its state goes, how many nodes, how long to wait for the crawl, whether to
 * keep running, and whether every node behaves ({@code honest}) or the last one submits altered pages.
 */
public record DevnetOptions(Path dataDir, int nodes, Duration timeout, boolean keepRunning, boolean honest) {
    public DevnetOptions {
        if (nodes < 1 || nodes > 8) {
            throw new IllegalArgumentException("--nodes must be between 1 and 8");
        }
        if (!honest && nodes < 3) {
            throw new IllegalArgumentException("a misbehaving node needs two honest ones to check it: use --nodes 3 or more, or --honest");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be positive");
        }
    }

    /** Whether the last node submits altered pages (for the spot checks to catch). */
    public boolean withMisbehavingNode() {
        return !honest;
    }
}
