package org.gleaner.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gleaner.node.CrawlerNode;
import org.gleaner.node.NodeConfig;
import org.gleaner.node.NodeCounters;
import org.gleaner.node.bandwidth.ShareRate;
import org.gleaner.protocol.net.Cidr;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.protocol.net.HostResolver;
import org.gleaner.node.fetch.FetchPolicy;
import org.gleaner.node.operator.CoordinatorApiClient;
import org.gleaner.node.operator.OperatorView;
import org.gleaner.node.operator.StatementStore;
import org.gleaner.node.status.NodeStatus;
import org.gleaner.node.status.StatusServer;
import org.gleaner.node.status.Units;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.cli.KafkaOptions;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.crypto.InvalidKeyException;
import org.gleaner.protocol.kafka.KafkaConnection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gleaner node run}: crawl leased work within the operator's share until stopped (Ctrl-C stops gracefully). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a crawler node: lease work from the coordinator, fetch it politely within your share, "
                + "and send pages to Kafka. Ctrl-C finishes the page in flight and waits for Kafka to acknowledge "
                + "everything, hands the unfetched rest of its lease back to the coordinator and exits; the next run "
                + "picks up with the same identity and counters."})
public final class NodeRunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--coordinator", required = true, paramLabel = "URL", description = "The coordinator's lease API, e.g. http://127.0.0.1:8080")
    String coordinator;

    @Option(names = "--coordinator-key", required = true, paramLabel = "HEX",
            description = "The coordinator's Ed25519 public key (64 hex digits): leases signed by any other key are refused.")
    String coordinatorKey;

    @Option(names = "--coordinator-api", paramLabel = "URL",
            description = "The coordinator's REST API, e.g. http://127.0.0.1:8471: your credits, penalties and epoch statements "
                    + "on the status page (asked as this node, signed with its key).")
    String coordinatorApi;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--share", required = true, paramLabel = "RATE",
            description = "Bandwidth you share, both directions together: e.g. 2MB/s, 500KB/s, 10Mbit/s.")
    String share;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "The node's key and state (created owner-only).")
    Path dataDir;

    @Option(names = "--origin", defaultValue = "gleaner.devnet", description = "The network name signatures are bound to (default: ${DEFAULT-VALUE}).")
    String origin;

    @Option(names = "--topic-prefix", defaultValue = "gleaner", description = "Kafka topic prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--status-port", defaultValue = "0", description = "Port of the local status page on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int statusPort;

    @Option(names = "--allow-egress", paramLabel = "CIDR",
            description = "Let the node fetch from this private range (tests and local demos only; shown in the status).")
    List<String> allowEgress = new ArrayList<>();

    @Option(names = "--contact", defaultValue = FetchPolicy.DEFAULT_CONTACT, paramLabel = "URL",
            description = "The page about this crawler that the user agent names (default: ${DEFAULT-VALUE}).")
    String contact;

    @Option(names = "--stop-grace-seconds", defaultValue = "10",
            description = "On Ctrl-C, how long the fetch in flight may still run before it is cancelled and handed back (default: ${DEFAULT-VALUE}).")
    int stopGraceSeconds;

    @Option(names = "--bench-discard-pages", hidden = true,
            description = "Benchmarks only: build and sign pages but do not send them (the no-op sink); outlinks are still sent.")
    boolean discardPages;

    @Option(names = "--progress-seconds", defaultValue = "10", description = "Seconds between progress lines (default: ${DEFAULT-VALUE}).")
    int progressSeconds;

    @Override
    public Integer call() throws Exception {
        long shareBytes = parse(() -> ShareRate.parse(share));
        Ed25519PublicKey coordinatorPublicKey = parse(() -> coordinatorKey(coordinatorKey));
        List<Cidr> allow = parse(() -> allowEgress.stream().map(Cidr::parse).toList());
        parse(() -> checkedCoordinator(coordinator));
        if (coordinatorApi != null) {
            parse(() -> checkedCoordinator(coordinatorApi));
        }
        FetchPolicy fetchPolicy = parse(() -> FetchPolicy.defaults().withContact(contact));
        KafkaConnection kafkaConnection = kafka.connection();
        if (statusPort < 0 || statusPort > 65535 || progressSeconds < 1 || stopGraceSeconds < 0
                || stopGraceSeconds > 300) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--status-port 0-65535, --progress-seconds >= 1, --stop-grace-seconds 0-300");
        }
        PrintWriter err = spec.commandLine().getErr();
        try (NodeDataDir dir = new NodeDataDir(dataDir)) {
            dir.open();
            boolean fresh = !Files.exists(dir.keyFile());
            Ed25519KeyPair key = Ed25519KeyPair.loadOrCreate(dir.keyFile());
            err.printf("[node] %s %s (key %s)%n", fresh ? "created identity" : "identity", key.publicKey().fingerprint(), dir.keyFile());
            NodeConfig config = new NodeConfig(origin, coordinator, coordinatorPublicKey, kafkaConnection, new Topics(topicPrefix),
                    fetchPolicy, new EgressGuard(allow), shareBytes, HostResolver.system(), discardPages);
            NodeCounters previous = dir.counters();
            CrawlerNode node = new CrawlerNode(config, key, Clock.systemUTC());
            node.resume(previous);
            node.onCheckpoint(counters -> {
                try {
                    dir.writeCounters(counters);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            if (previous.pages() > 0 || previous.leases() > 0) {
                err.printf("[node] continuing from %d pages, %d leases%n", previous.pages(), previous.leases());
            }
            Thread worker = new Thread(node, "gleaner-node");
            OperatorView operator = new OperatorView(
                    coordinatorApi == null ? null : new CoordinatorApiClient(coordinatorApi, key, origin, Clock.systemUTC()),
                    new StatementStore(dir.path().resolve("statements")), origin, coordinatorPublicKey, node.nodeId(), Clock.systemUTC());
            try (StatusServer status = new StatusServer(statusPort, dir.statusToken(),
                    () -> NodeStatus.of(node, worker.isAlive(), operator.credits()), operator)) {
                dir.writePort(status.port());
                err.printf("[node] share %s; status page http://127.0.0.1:%d/ (token in %s)%n", Units.rate(shareBytes),
                        status.port(), dir.path().resolve(NodeDataDir.TOKEN));
                if (!allow.isEmpty()) {
                    err.printf("[node] egress also allowed to %s (not for production)%n", allow);
                }
                err.flush();
                Thread hook = new Thread(() -> stopGracefully(node, err, java.time.Duration.ofSeconds(stopGraceSeconds)),
                        "gleaner-node-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                worker.start();
                while (!node.awaitStopped(progressSeconds * 1000L)) {
                    progress(node, err);
                }
                progress(node, err);
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running already
                }
            } finally {
                dir.clearPort();
            }
            return node.stats().errors().containsKey("stopped") ? 1 : 0;
        }
    }

    private static void stopGracefully(CrawlerNode node, PrintWriter err, java.time.Duration grace) {
        err.println("[node] stopping: finishing the page in flight (up to " + grace.toSeconds() + " s), waiting for Kafka's "
                + "acknowledgements, handing back the rest of the lease");
        err.flush();
        node.stop(grace);
        try {
            node.awaitStopped(grace.toMillis() + 60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void progress(CrawlerNode node, PrintWriter err) {
        var t = node.traffic();
        err.printf("[node] pages %d, received %s, sent %s, now %s (share %s), errors %s%n", node.stats().pages(),
                Units.bytes(t.receivedBytes()), Units.bytes(t.sentBytes()), Units.rate(t.recentBytesPerSecond()),
                node.config().shareBytesPerSecond() == 0 ? "uncapped" : Units.rate(node.config().shareBytesPerSecond()),
                node.stats().errors());
        err.flush();
    }

    private static Ed25519PublicKey coordinatorKey(String hex) {
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("--coordinator-key must be 64 hex digits");
        }
        try {
            return Ed25519PublicKey.fromHex(hex);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("--coordinator-key is not a valid Ed25519 public key: " + e.getMessage());
        }
    }

    private static Void checkedCoordinator(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("--coordinator and --coordinator-api must be http(s) URLs with a host");
        }
        return null;
    }

    private <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
