package org.gleaner.devnet;

import java.nio.file.Path;
import java.time.Duration;

/** How to run the devnet: where its state goes, how many nodes, how long to wait for the crawl. */
public record DevnetOptions(Path dataDir, int nodes, Duration timeout, boolean keepRunning) {
    public DevnetOptions {
        if (nodes < 1 || nodes > 8) {
            throw new IllegalArgumentException("--nodes must be between 1 and 8");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be positive");
        }
    }
}
