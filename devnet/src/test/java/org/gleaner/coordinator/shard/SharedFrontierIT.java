package org.gleaner.coordinator.shard;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.durable.TopicReplay;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.journal.JournalCodec;
import org.gleaner.coordinator.journal.JournalEvent;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.node.CrawlerNode;
import org.gleaner.node.NodeConfig;
import org.gleaner.protocol.net.Cidr;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.node.fetch.FetchPolicy;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two coordinator instances share one frontier on a real in-JVM broker; real crawler nodes crawl a real local
 * site of several hosts (one HTTP server per host, pages linking across hosts, so outlinks are routed between the
 * instances). One instance is stopped mid-crawl and the other takes its partitions over. Every page must be
 * credited exactly once, and no host may ever be leased to two nodes at once.
 *
 * <p>It lives in the devnet module, which depends on both the coordinator and the crawler node (the crawler
 * node's own tests use the real coordinator, and Maven allows no cycle between the two).
 */
class SharedFrontierIT {
    private static final String ORIGIN = "gleaner-test";
    private static final Topics TOPICS = new Topics("sharetest");
    private static final int HOSTS = 6;
    private static final int PAGES_PER_HOST = 8;
    private static final CoordinatorConfig CONFIG = new CoordinatorConfig(ORIGIN, 3, Duration.ofSeconds(30),
            Duration.ofMillis(5), Duration.ofMinutes(5), 0);
    private static final String PEER_TOKEN = "peer-token-for-the-shared-frontier-test-0123456789";

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();
    private final Ed25519KeyPair coordinatorKey = Ed25519KeyPair.generate();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<HttpServer> sites = new ArrayList<>();
    private final List<CrawlerNode> nodes = new ArrayList<>();
    private final List<Ed25519KeyPair> nodeKeys = new ArrayList<>();

    private final java.io.ByteArrayOutputStream jsonLog = new java.io.ByteArrayOutputStream();
    private ch.qos.logback.core.OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> jsonAppender;

    /** Every log line of the run, coordinators' and nodes' alike, also goes out as JSON (logback's JsonEncoder). */
    @org.junit.jupiter.api.BeforeEach
    void captureJsonLogs() {
        ch.qos.logback.classic.LoggerContext context = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.encoder.JsonEncoder encoder = new ch.qos.logback.classic.encoder.JsonEncoder();
        encoder.setContext(context);
        encoder.start();
        jsonAppender = new ch.qos.logback.core.OutputStreamAppender<>();
        jsonAppender.setContext(context);
        jsonAppender.setEncoder(encoder);
        jsonAppender.setOutputStream(jsonLog);
        jsonAppender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(jsonAppender);
        // The devnet module's logback.xml keeps org.gleaner at WARN for the command line; this test reads INFO lines.
        ch.qos.logback.classic.Logger gleaner = context.getLogger("org.gleaner");
        savedLevel = gleaner.getLevel();
        gleaner.setLevel(ch.qos.logback.classic.Level.INFO);
    }

    private ch.qos.logback.classic.Level savedLevel;

    @AfterEach
    void stop() throws Exception {
        ((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory())
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(jsonAppender);
        ((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory()).getLogger("org.gleaner").setLevel(savedLevel);
        nodes.forEach(CrawlerNode::stop);
        for (CrawlerNode node : nodes) {
            node.awaitStopped(15_000);
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        sites.forEach(s -> s.stop(0));
    }

    @Test
    void twoInstancesCrawlEveryPageOnceAndOneTakesOverFromTheOther() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build();
        broker.start();
        toClose.add(broker);
        broker.createTopic(TOPICS.pages(), 3, Map.of("max.message.bytes", Integer.toString(2 * 1024 * 1024)));
        broker.createTopic(TOPICS.links(), 3, Map.of());
        List<String> hosts = startSites();
        Set<String> expectedUrls = new TreeSet<>();
        for (String host : hosts) {
            expectedUrls.add("http://" + host + "/");
            for (int p = 1; p < PAGES_PER_HOST; p++) {
                expectedUrls.add("http://" + host + "/p" + p);
            }
        }

        // A first, alone: it owns every partition; B joining takes only its share (assignments are sticky), so A keeps
        // partition 0 and with it the reward-epoch closer role.
        ShardedCoordinator a = instance("a");
        await(() -> a.ownedPartitions().size() == 3, "A owns every partition");
        ShardedCoordinator b = instance("b");
        a.addPeer(b.leaseUrl());
        b.addPeer(a.leaseUrl());
        await(() -> a.ownedPartitions().size() + b.ownedPartitions().size() == 3 && !a.ownedPartitions().isEmpty()
                && !b.ownedPartitions().isEmpty(), "both instances own frontier partitions");
        HostPartitioner partitioner = new HostPartitioner(3);
        Set<Integer> partitionsOfHosts = new HashSet<>();
        hosts.forEach(h -> partitionsOfHosts.add(partitioner.partitionOf(h)));
        assertThat(partitionsOfHosts).as("the site's hosts spread over several partitions").hasSizeGreaterThan(1);

        // One seed: every other host is reached through outlinks, most of them routed between the instances.
        a.submit(new CrawlJob("shared-crawl", List.of("http://" + hosts.get(0) + "/"), new HashSet<>(hosts), 10_000, 20, "train-ai"));
        EgressGuard guard = new EgressGuard(List.of(Cidr.parse("127.0.0.1/32")));
        for (int i = 0; i < 3; i++) {
            // Nodes know one coordinator address: B answers for its partitions and forwards the rest to A.
            NodeConfig config = new NodeConfig(ORIGIN, b.leaseUrl(), coordinatorKey.publicKey(), broker.bootstrapServers(),
                    TOPICS, FetchPolicy.defaults(), guard);
            Ed25519KeyPair nodeKey = Ed25519KeyPair.generate();
            nodeKeys.add(nodeKey);
            CrawlerNode node = new CrawlerNode(config, nodeKey, clock);
            nodes.add(node);
            Thread t = new Thread(node, "node-" + i);
            t.setDaemon(true);
            t.start();
        }

        await(() -> creditedUrls(broker).size() >= expectedUrls.size() / 3, "a third of the site is credited");
        assertThat(a.ownedPartitions()).as("A kept partition 0").contains(0);
        assertThat(b.closeEpochNow()).as("only the owner of partition 0 closes epochs").isEmpty();
        assertThat(a.closeEpochNow().orElseThrow().root().epoch()).isEqualTo(1);
        List<Integer> handedOver = a.ownedPartitions();
        a.close();
        toClose.remove(a);
        await(() -> b.ownedPartitions().size() == 3, "B takes over A's partitions " + handedOver);

        await(() -> creditedUrls(broker).equals(expectedUrls), "every page of every host is credited");
        for (CrawlerNode node : nodes) {
            assertThat(node.awaitStopped(60_000)).as("the nodes are told that every job is done").isTrue();
        }
        assertThat(b.failure()).isEmpty();

        List<CreditEvent> events = committedCredits(broker);
        Map<String, Long> perUrl = new HashMap<>();
        events.stream().filter(CreditEvent::credited).forEach(e -> perUrl.merge(e.url(), 1L, Long::sum));
        assertThat(perUrl.keySet()).isEqualTo(expectedUrls);
        assertThat(perUrl).as("each page credited exactly once").allSatisfy((url, n) -> assertThat(n).as(url).isEqualTo(1L));
        assertThat(events).as("no refusals").allMatch(CreditEvent::credited);
        assertNoHostLeasedTwiceAtOnce(broker);
        assertSecondEpochCountsEveryCreditOnce(b, events);
        assertLogsAreJsonWithoutSecrets();
    }

    /** B took over partition 0 and the closer role: its epoch 2 holds every node's whole crawl, once; one root per epoch. */
    private void assertSecondEpochCountsEveryCreditOnce(ShardedCoordinator b, List<CreditEvent> events) throws Exception {
        org.gleaner.coordinator.reward.EpochCloser.ClosedEpoch second = b.closeEpochNow().orElseThrow();
        assertThat(second.root().epoch()).isEqualTo(2);
        for (Ed25519KeyPair nodeKey : nodeKeys) {
            String id = nodeKey.publicKey().fingerprint();
            List<CreditEvent> own = events.stream().filter(e -> e.nodeId().equals(id) && e.credited()).toList();
            var statement = second.statements().get(id);
            assertThat(statement).as("node %s has a statement", id).isNotNull();
            assertThat(statement.statement().record().creditedPages()).isEqualTo(own.size());
            assertThat(statement.statement().record().cumulativeAmount())
                    .isEqualTo(own.size() * 1_000_000L + own.stream().mapToLong(CreditEvent::bytes).sum());
            Path file = dir.resolve(id + ".statement");
            java.nio.file.Files.write(file, statement.encode().toArray());
            picocli.CommandLine cli = new picocli.CommandLine(new org.gleaner.coordinator.cli.RewardsCommand());
            cli.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
            assertThat(cli.execute("verify", "--statement", file.toString(), "--coordinator-key", coordinatorKey.publicKey().fingerprint(),
                    "--node-key", id, "--origin", ORIGIN)).as("rewards verify").isZero();
        }
        List<Long> epochs = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(toCloseBroker().bootstrapServers(), TOPICS.ledgerSubmissions(),
                org.gleaner.protocol.ledger.LedgerEntry.MAX_ENCODED + 256)) {
            var entry = org.gleaner.protocol.codec.Signed.decode(r.value(), org.gleaner.protocol.ledger.LedgerEntry.MAX_ENCODED, "entry",
                    org.gleaner.protocol.ledger.LedgerEntry::read);
            epochs.add(org.gleaner.protocol.ledger.RewardRoot.decode(entry.record().payload().toArray()).epoch());
        }
        assertThat(epochs).as("one reward root per epoch").containsExactly(1L, 2L);
    }

    /** The log of the whole run: one JSON object per line, and no key seed or peer token anywhere in it. */
    private void assertLogsAreJsonWithoutSecrets() {
        String log = jsonLog.toString(StandardCharsets.UTF_8);
        List<String> lines = log.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("the handover is logged").anyMatch(l -> l.contains("taken over"));
        assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}").contains("\"level\""));
        java.util.HexFormat hex = java.util.HexFormat.of();
        List<String> secrets = new ArrayList<>(List.of(PEER_TOKEN, hex.formatHex(coordinatorKey.exportSeed()),
                java.util.Base64.getEncoder().encodeToString(coordinatorKey.exportSeed())));
        nodeKeys.forEach(k -> secrets.add(hex.formatHex(k.exportSeed())));
        for (String secret : secrets) {
            assertThat(log).doesNotContainIgnoringCase(secret);
        }
    }

    private ShardedCoordinator instance(String name) throws Exception {
        ShardedCoordinator c = ShardedCoordinator.start(name, CONFIG, coordinatorKey, clock,
                toCloseBroker().bootstrapServers(), TOPICS, PEER_TOKEN, new InetSocketAddress("127.0.0.1", 0), new SimpleMeterRegistry());
        toClose.add(c);
        return c;
    }

    private EmbeddedKafkaBroker toCloseBroker() {
        return (EmbeddedKafkaBroker) toClose.get(0);
    }

    /** From the journal of every partition: each lease holds its host from its grant until it settled or expired. */
    private void assertNoHostLeasedTwiceAtOnce(EmbeddedKafkaBroker broker) throws Exception {
        Map<String, CrawlLease> granted = new HashMap<>();
        Map<String, Long> settled = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(broker.bootstrapServers(), TOPICS.prefix() + ".coordinator.shard-journal",
                JournalCodec.MAX_ENCODED)) {
            JournalEvent e = JournalCodec.decode(r.value());
            if (e instanceof JournalEvent.LeaseGranted g) {
                granted.put(g.lease().record().leaseId(), g.lease().record());
            } else if (e instanceof JournalEvent.LeaseSettled s) {
                settled.putIfAbsent(s.leaseId(), s.atMillis());
            }
        }
        assertThat(granted).isNotEmpty();
        Map<String, List<CrawlLease>> byHost = new HashMap<>();
        granted.values().forEach(l -> byHost.computeIfAbsent(l.host(), h -> new ArrayList<>()).add(l));
        assertThat(byHost.keySet()).as("every host was leased").hasSize(HOSTS);
        for (List<CrawlLease> leases : byHost.values()) {
            leases.sort(Comparator.comparingLong(CrawlLease::issuedAtMillis));
            for (int i = 1; i < leases.size(); i++) {
                CrawlLease before = leases.get(i - 1);
                long heldUntil = Math.min(settled.getOrDefault(before.leaseId(), Long.MAX_VALUE), before.expiresAtMillis());
                assertThat(heldUntil).as("%s: lease %s held until after %s was granted", before.host(), before.leaseId(),
                        leases.get(i).leaseId()).isLessThanOrEqualTo(leases.get(i).issuedAtMillis());
            }
        }
    }

    private static Set<String> creditedUrls(EmbeddedKafkaBroker broker) {
        try {
            Set<String> out = new TreeSet<>();
            committedCredits(broker).stream().filter(CreditEvent::credited).forEach(e -> out.add(e.url()));
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<CreditEvent> committedCredits(EmbeddedKafkaBroker broker) throws Exception {
        List<CreditEvent> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(broker.bootstrapServers(), TOPICS.credits(), CreditEvent.MAX_ENCODED)) {
            out.add(CreditEvent.decode(r.value()));
        }
        return out;
    }

    /** One HTTP server per host (127.0.0.1, its own port); each root links to its pages and to the next host's root. */
    private List<String> startSites() throws Exception {
        List<HttpServer> servers = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < HOSTS; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
            servers.add(server);
            hosts.add("127.0.0.1:" + server.getAddress().getPort());
        }
        for (int i = 0; i < HOSTS; i++) {
            String self = hosts.get(i);
            String next = hosts.get((i + 1) % HOSTS);
            HttpServer server = servers.get(i);
            server.createContext("/", exchange -> {
                try (exchange) {
                    String path = exchange.getRequestURI().getPath();
                    StringBuilder html = new StringBuilder("<html><head><title>").append(self).append(path)
                            .append("</title></head><body><p>Page ").append(path).append(" of ").append(self).append("</p>");
                    int status = 200;
                    if (path.equals("/")) {
                        for (int p = 1; p < PAGES_PER_HOST; p++) {
                            html.append("<a href=\"/p").append(p).append("\">page ").append(p).append("</a> ");
                        }
                        html.append("<a href=\"http://").append(next).append("/\">next site</a>");
                    } else if (path.matches("/p[1-9][0-9]*") && Integer.parseInt(path.substring(2)) < PAGES_PER_HOST) {
                        html.append("<a href=\"/\">home</a> <a href=\"http://").append(next).append("/p1\">elsewhere</a>");
                    } else {
                        status = 404;
                    }
                    byte[] body = html.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                    exchange.sendResponseHeaders(status, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            });
            server.start();
            sites.add(server);
        }
        return hosts;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(200);
        }
    }
}
