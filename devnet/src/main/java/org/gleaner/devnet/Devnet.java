package org.gleaner.devnet;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.api.LeaseHttpApi;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.coordinator.durable.DurableCoordinator;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.ingest.ContributionIngest;
import org.gleaner.devnet.site.DemoSite;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.node.CrawlerNode;
import org.gleaner.node.NodeConfig;
import org.gleaner.node.egress.Cidr;
import org.gleaner.node.egress.EgressGuard;
import org.gleaner.node.fetch.FetchPolicy;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.crypto.KeyFileException;
import org.gleaner.protocol.reward.StatementBundle;

/**
 * The whole network in one process: an in-JVM KRaft broker, the demo site, the coordinator (lease API over
 * HTTP, contributions over Kafka), crawler nodes with their own keys, and the dataset builder.
 */
public final class Devnet {
    static final String ORIGIN = "gleaner.devnet";
    static final String JOB_ID = "demo";

    private final DevnetOptions options;
    private final PrintStream out;
    private final Clock clock = Clock.systemUTC();
    private final Topics topics = Topics.DEFAULT;

    public Devnet(DevnetOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public DevnetSummary run() throws Exception {
        long started = System.nanoTime();
        Path runDir = Files.createDirectories(options.dataDir()).resolve("run-" + System.currentTimeMillis());
        Files.createDirectories(runDir);
        progress("state in " + runDir);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(runDir.resolve("kafka")).build()) {
            broker.start();
            createTopics(broker);
            progress("kafka broker on " + broker.bootstrapServers());
            try (DemoSite site = new DemoSite()) {
                progress("demo site on " + site.baseUrl() + " (" + site.pageCount() + " pages)");
                try (DurableCoordinator durable = DurableCoordinator.open(
                        // No spot checks here: the summary promises each demo page fetched exactly once.
                        CoordinatorConfig.defaults(ORIGIN).withSpotCheckShare(0),
                        Ed25519KeyPair.loadOrCreate(runDir.resolve("coordinator/coordinator.key")), clock,
                        broker.bootstrapServers(), topics);
                        LeaseHttpApi api = new LeaseHttpApi(durable.coordinator(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).start()) {
                    Coordinator coordinator = durable.coordinator();
                    ContributionIngest ingest = durable.ingest();
                    coordinator.submit(new CrawlJob(JOB_ID, List.of(site.baseUrl()), Set.of(site.hostKey()), 1000, 20, "train-ai"));
                    progress("coordinator leases on " + api.baseUrl());
                    Thread ingestThread = start("coordinator-ingest", ingest);
                    List<CrawlerNode> nodes = startNodes(runDir, api.baseUrl(), coordinator, broker.bootstrapServers());
                    List<Thread> nodeThreads = new ArrayList<>();
                    for (int i = 0; i < nodes.size(); i++) {
                        nodeThreads.add(start("node-" + (i + 1), nodes.get(i)));
                    }
                    awaitCrawl(coordinator, nodes);
                    writeStatements(durable, runDir, nodes);
                    for (Thread t : nodeThreads) {
                        t.join(Duration.ofSeconds(15).toMillis());
                    }
                    DatasetStage.Result dataset = new DatasetStage(runDir, topics, progressOut()).build(
                            broker.bootstrapServers(), coordinator.creditedPages());
                    DevnetSummary summary = summary(site, coordinator, nodes, dataset, Duration.ofNanos(System.nanoTime() - started));
                    if (options.keepRunning()) {
                        out.println(SummaryPrinter.format(summary));
                        progress("running; kafka " + broker.bootstrapServers() + ", site " + site.baseUrl()
                                + ", coordinator " + api.baseUrl() + " (Ctrl-C to stop)");
                        Thread.currentThread().join();
                    }
                    ingest.close();
                    ingestThread.join(10_000);
                    return summary;
                }
            }
        }
    }

    /** Closes a reward epoch and leaves each node's statement where its operator can check it offline. */
    private void writeStatements(DurableCoordinator durable, Path runDir, List<CrawlerNode> nodes)
            throws IOException, InterruptedException {
        long epoch = durable.epochs().lastEpoch() + 1;
        durable.ingest().requestEpochClose();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (durable.epochs().lastEpoch() < epoch) {
            if (System.nanoTime() > deadline || durable.ingest().failure().isPresent()) {
                throw new IllegalStateException("reward epoch " + epoch + " did not close");
            }
            Thread.sleep(50);
        }
        Map<String, StatementBundle> statements = durable.epochs().latestStatements();
        for (int i = 0; i < nodes.size(); i++) {
            StatementBundle bundle = statements.get(nodes.get(i).nodeId());
            if (bundle != null) {
                Path file = runDir.resolve("nodes/node-" + (i + 1) + "/statement-epoch-" + epoch + ".bin");
                Files.write(file, bundle.encode().toArray());
                progress("node-" + (i + 1) + " reward statement: ./gleaner rewards verify --statement " + file
                        + " --coordinator-key " + durable.coordinator().publicKey().fingerprint());
            }
        }
    }

    private void createTopics(EmbeddedKafkaBroker broker) {
        Map<String, String> pagesConfig = Map.of("max.message.bytes", Integer.toString(18 * 1024 * 1024),
                "compression.type", "producer");
        broker.createTopic(topics.pages(), 3, pagesConfig);
        broker.createTopic(topics.links(), 3, Map.of());
        broker.createTopic(topics.ledger(), 1, Map.of("cleanup.policy", "delete", "retention.ms", "-1"));
        broker.createTopic(topics.credits(), 3, Map.of());
        broker.createTopic(topics.revocations(), 1, Map.of());
    }

    private List<CrawlerNode> startNodes(Path runDir, String coordinatorUrl, Coordinator coordinator, String bootstrap)
            throws IOException, KeyFileException {
        List<CrawlerNode> nodes = new ArrayList<>();
        // Devnet only: the demo site is on loopback, which the egress guard refuses unless explicitly allowed.
        EgressGuard guard = new EgressGuard(List.of(Cidr.parse("127.0.0.1/32")));
        for (int i = 1; i <= options.nodes(); i++) {
            Ed25519KeyPair key = Ed25519KeyPair.loadOrCreate(runDir.resolve("nodes/node-" + i + "/node.key"));
            NodeConfig config = new NodeConfig(ORIGIN, coordinatorUrl, coordinator.publicKey(), bootstrap, topics,
                    FetchPolicy.defaults(), guard);
            nodes.add(new CrawlerNode(config, key, clock));
            progress("node-" + i + " " + key.publicKey().fingerprint().substring(0, 16) + "… (egress allow: " + guard.allowRules() + ")");
        }
        return nodes;
    }

    private void awaitCrawl(Coordinator coordinator, List<CrawlerNode> nodes) throws InterruptedException {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        long lastPrint = 0;
        while (!coordinator.finished()) {
            if (System.nanoTime() > deadline) {
                nodes.forEach(CrawlerNode::stop);
                throw new IllegalStateException("crawl did not finish within " + options.timeout().toSeconds() + " s");
            }
            if (System.nanoTime() - lastPrint > 1_000_000_000L) {
                Coordinator.Stats s = coordinator.stats();
                progress(String.format("crawl: %d URLs discovered, %d leases, %d pages credited",
                        s.discoveredUrls(), s.leasesIssued(), s.creditedPages()));
                lastPrint = System.nanoTime();
            }
            Thread.sleep(100);
        }
        Coordinator.Stats s = coordinator.stats();
        progress(String.format("crawl finished: %d URLs, %d leases, %d pages credited", s.discoveredUrls(), s.leasesIssued(),
                s.creditedPages()));
    }

    private DevnetSummary summary(DemoSite site, Coordinator coordinator, List<CrawlerNode> nodes, DatasetStage.Result dataset,
            Duration wall) {
        Map<String, NodeCredits> credits = new TreeMap<>();
        coordinator.credits().forEach(c -> credits.put(c.nodeId(), c));
        List<DevnetSummary.NodeLine> lines = new ArrayList<>();
        long pages = 0;
        long bytes = 0;
        for (CrawlerNode node : nodes) {
            NodeCredits c = credits.get(node.nodeId());
            Map<String, Long> refusals = new TreeMap<>();
            if (c != null) {
                c.refusals().forEach((reason, n) -> refusals.put(reason.code() + " " + reason.name(), n));
            }
            lines.add(new DevnetSummary.NodeLine(node.nodeId(), node.stats().pages(), node.stats().wireBytes(),
                    c == null ? 0 : c.pages(), c == null ? 0 : c.bytes(), refusals, node.stats().errors()));
            pages += node.stats().pages();
            bytes += node.stats().bodyBytes();
        }
        return new DevnetSummary(site.pageCount(), pages, bytes, coordinator.creditedPages(), lines, dataset.rows(),
                dataset.skippedByReason(), dataset.parquetFile(), wall);
    }

    private static Thread start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private PrintStream progressOut() {
        return System.err;
    }

    private void progress(String message) {
        System.err.println("[devnet] " + message);
    }
}
