package org.gleaner.devnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gleaner devnet}: runs the whole network in one process on its embedded default. */
@Command(name = "devnet", mixinStandardHelpOptions = true,
        description = {"Runs the whole network in one process and tells its story: an in-JVM Kafka broker, demo sites on "
                + "three hosts, the consent ledger with scripted data subjects, the coordinator with spot checks, crawler "
                + "nodes (one misbehaving), a reward epoch, a dataset built as of a ledger checkpoint, a revocation and a "
                + "ledger consistency check. Progress goes to stderr, the summary to stdout."})
public final class DevnetCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = ".devnet", description = "Where runs keep their state (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--nodes", defaultValue = "3", description = "Crawler nodes to run, 1-8; the last one misbehaves unless --honest (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--timeout", defaultValue = "180", description = "Seconds to wait for the crawl (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--honest", description = "Every node behaves (no altered pages, no spot checks).")
    boolean honest;

    @Option(names = "--keep-running", description = "Keep the network up after the summary, until interrupted.")
    boolean keepRunning;

    @Override
    public Integer call() throws Exception {
        DevnetOptions options;
        try {
            options = new DevnetOptions(dataDir, nodes, Duration.ofSeconds(timeoutSeconds), keepRunning, honest);
        } catch (IllegalArgumentException e) {
            System.err.println("gleaner devnet: " + e.getMessage());
            return 2;
        }
        DevnetSummary summary = new Devnet(options, System.out).run();
        System.out.print(SummaryPrinter.format(summary));
        if (!summary.consistent()) {
            System.err.println("gleaner devnet: the figures do not add up (see the summary above)");
            return 1;
        }
        return 0;
    }
}
