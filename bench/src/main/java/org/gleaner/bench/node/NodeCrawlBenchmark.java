package org.gleaner.bench.node;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.durable.DurableCoordinator;
import org.gleaner.coordinator.api.LeaseHttpApi;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.ingest.ContributionIngest;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.crypto.Ed25519KeyPair;

/**
 * End-to-end node benchmark (never run by {@code mvn verify}): an in-JVM broker and coordinator lease the
 * given seed sites to separate node processes ({@code gleaner node run}, Kafka produce included), and the
 * harness reports wall time, pages credited, and each node process's CPU time and peak RSS. With
 * {@code -Dbench.discardPages=true} the nodes use the no-op sink (pages not sent to Kafka).
 *
 * <pre>java -Dbench.maxPages=N -Dbench.seconds=S -cp ... org.gleaner.bench.node.NodeCrawlBenchmark WORKDIR DELAY_MS NODES SEED_URL...</pre>
 */
public final class NodeCrawlBenchmark {
    private static final String ORIGIN = "gleaner.bench";

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: NodeCrawlBenchmark WORKDIR DELAY_MS NODES SEED_URL... (MAX_PAGES from -Dbench.maxPages)");
            System.exit(2);
        }
        Path work = Files.createDirectories(Path.of(args[0]));
        long delayMillis = Long.parseLong(args[1]);
        int nodeCount = Integer.parseInt(args[2]);
        List<String> seeds = List.of(args).subList(3, args.length);
        Set<String> hosts = new LinkedHashSet<>();
        for (String seed : seeds) {
            URI uri = URI.create(seed);
            hosts.add(uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        }
        Topics topics = Topics.DEFAULT;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(work.resolve("kafka")).build()) {
            broker.start();
            broker.createTopic(topics.pages(), 3, Map.of("max.message.bytes", Integer.toString(18 * 1024 * 1024)));
            broker.createTopic(topics.links(), 3);
            Clock clock = Clock.systemUTC();
            CoordinatorConfig config = new CoordinatorConfig(ORIGIN, Integer.getInteger("bench.leaseUrls", 8),
                    Duration.ofSeconds(120), Duration.ofMillis(delayMillis), Duration.ofMinutes(5)).withSpotCheckShare(0);
            try (DurableCoordinator durable = DurableCoordinator.open(config, Ed25519KeyPair.generate(), clock,
                    broker.bootstrapServers(), topics);
                    LeaseHttpApi api = new LeaseHttpApi(durable.coordinator(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).start()) {
                Coordinator coordinator = durable.coordinator();
                ContributionIngest ingest = durable.ingest();
                coordinator.submit(new CrawlJob("bench", seeds, hosts, Integer.getInteger("bench.maxPages", 100_000), 100, "train-ai"));
                Thread ingestThread = new Thread(ingest, "ingest");
                ingestThread.setDaemon(true);
                ingestThread.start();
                List<Process> nodes = new ArrayList<>();
                long start = System.nanoTime();
                for (int i = 0; i < nodeCount; i++) {
                    nodes.add(startNode(work.resolve("node-" + i), api.baseUrl(),
                            HexFormat.of().formatHex(coordinator.publicKey().bytes()), broker.bootstrapServers()));
                }
                long[] cpuNanos = new long[nodeCount];
                long[] peakRssKb = new long[nodeCount];
                long lastPrint = System.nanoTime();
                long stopAt = start + TimeUnit.SECONDS.toNanos(Long.getLong("bench.seconds", Long.MAX_VALUE / 2_000_000_000L));
                while (!coordinator.finished() && System.nanoTime() < stopAt) {
                    sample(nodes, cpuNanos, peakRssKb);
                    if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                        System.err.println("[bench] " + coordinator.stats());
                        lastPrint = System.nanoTime();
                    }
                    Thread.sleep(100);
                }
                double wall = (System.nanoTime() - start) / 1e9;
                sample(nodes, cpuNanos, peakRssKb);
                long pages = coordinator.creditedPages();
                for (Process p : nodes) {
                    p.destroy(); // SIGTERM: a node stops gracefully
                    p.waitFor();
                }
                double cpu = 0;
                long rss = 0;
                for (int i = 0; i < nodeCount; i++) {
                    cpu += cpuNanos[i] / 1e9;
                    rss = Math.max(rss, peakRssKb[i]);
                }
                System.out.printf(Locale.ROOT, "RESULT pages=%d wall_s=%.2f pages_per_s=%.1f node_cpu_s=%.2f cpu_s_per_1000=%.2f peak_rss_mb=%.1f nodes=%d delay_ms=%d%n",
                        pages, wall, pages / wall, cpu, cpu * 1000 / Math.max(1, pages), rss / 1024.0, nodeCount, delayMillis);
                ingest.close();
            }
        }
    }

    private static Process startNode(Path dir, String coordinatorUrl, String coordinatorKey, String bootstrap) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(System.getProperty("bench.nodeJvm", "-Xmx128m -XX:+UseSerialGC -Xss512k").trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "org.gleaner.node.cli.NodeCommand", "run", "--coordinator", coordinatorUrl, "--coordinator-key", coordinatorKey,
                "--kafka", bootstrap, "--share", "1GB/s", "--data-dir", dir.toString(), "--origin", ORIGIN,
                "--allow-egress", "127.0.0.0/8", "--progress-seconds", "5"));
        if (Boolean.getBoolean("bench.discardPages")) {
            // The no-op sink: pages are built and signed but not sent; nothing is credited, so the coordinator leases
            // each URL up to its attempt limit and the figures must come from nginx's log, per request.
            command.add("--bench-discard-pages");
        }
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dir + ".log"))).start();
    }

    /** CPU time and the kernel's high-water mark of resident memory, read while each node is alive. */
    private static void sample(List<Process> nodes, long[] cpuNanos, long[] peakRssKb) {
        for (int i = 0; i < nodes.size(); i++) {
            Process p = nodes.get(i);
            int index = i;
            p.info().totalCpuDuration().ifPresent(d -> cpuNanos[index] = Math.max(cpuNanos[index], d.toNanos()));
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
                    if (line.startsWith("VmHWM:")) {
                        peakRssKb[i] = Math.max(peakRssKb[i], Long.parseLong(line.replaceAll("\\D", "")));
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the process has exited
            }
        }
    }
}
