package org.gleaner.node.network;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.api.LeaseHttpApi;
import org.gleaner.coordinator.durable.DurableCoordinator;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.ingest.CommitHook;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.node.CrawlerNode;
import org.gleaner.node.NodeConfig;
import org.gleaner.protocol.net.Cidr;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.node.fetch.FetchPolicy;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.crypto.Ed25519KeyPair;

/**
 * The parts a node talks to, all real and in this JVM: a KRaft broker, the durable coordinator with its lease
 * endpoint and exactly-once ingest (on a thread of its own), under a topic prefix of the test's own.
 */
public final class RealNetwork implements AutoCloseable {
    public static final String ORIGIN = "gleaner-node-it";

    private final EmbeddedKafkaBroker broker;
    private final Topics topics;
    private final Ed25519KeyPair coordinatorKey = Ed25519KeyPair.generate();
    private final DurableCoordinator durable;
    private final LeaseHttpApi api;
    private final Thread ingest;

    public RealNetwork(Path dataDir, String topicPrefix, CoordinatorConfig config, Duration epochLength) throws Exception {
        broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).build();
        broker.start();
        topics = new Topics(topicPrefix);
        broker.createTopic(topics.pages(), 2, java.util.Map.of("max.message.bytes", Integer.toString(18 * 1024 * 1024)));
        broker.createTopic(topics.links(), 2);
        durable = DurableCoordinator.open(config, coordinatorKey, Clock.systemUTC(), broker.bootstrapServers(), topics,
                "main", epochLength, CommitHook.NONE, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        api = new LeaseHttpApi(durable.coordinator(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).start();
        ingest = new Thread(durable.ingest(), "coordinator-ingest");
        ingest.setDaemon(true);
        ingest.start();
    }

    public static CoordinatorConfig config(int urlsPerLease, Duration leaseTtl, Duration crawlDelay) {
        return new CoordinatorConfig(ORIGIN, urlsPerLease, leaseTtl, crawlDelay, Duration.ofMinutes(5), 0);
    }

    public void submit(String jobId, List<String> seeds, String host, int maxDepth) {
        durable.coordinator().submit(new CrawlJob(jobId, seeds, Set.of(host), 1000, maxDepth, "train-ai"));
    }

    /** A node of this network that may fetch from 127.0.0.1 (the test's sites), uncapped. */
    public NodeConfig nodeConfig() {
        return new NodeConfig(ORIGIN, api.baseUrl(), durable.coordinator().publicKey(), broker.bootstrapServers(), topics,
                FetchPolicy.defaults(), new EgressGuard(List.of(Cidr.parse("127.0.0.0/8"))));
    }

    public CrawlerNode node(Ed25519KeyPair key) {
        return new CrawlerNode(nodeConfig(), key, Clock.systemUTC());
    }

    /**
     * Sends, as a misbehaving node would, a page signed by {@code key} for a lease that was never issued: the
     * coordinator refuses it with reason code G102 and counts it against that node.
     */
    public void sendPageForUnknownLease(Ed25519KeyPair key, String url) throws Exception {
        byte[] body = "<p>not leased</p>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        org.gleaner.protocol.page.PageReceipt receipt = new org.gleaner.protocol.page.PageReceipt(
                org.gleaner.protocol.codec.Bytes.of(key.publicKey().bytes()), "no-such-lease", url, url, 200,
                System.currentTimeMillis(), org.gleaner.protocol.codec.Bytes.sha256(body), body.length,
                org.gleaner.protocol.codec.Bytes.of(new byte[16]));
        org.gleaner.protocol.page.FetchedPage page = new org.gleaner.protocol.page.FetchedPage(
                org.gleaner.protocol.codec.Signed.sign(receipt, ORIGIN, key), "text/html", List.of(),
                org.gleaner.protocol.codec.Bytes.of(body), new org.gleaner.protocol.page.SiteSignals("", "", "", "", ""));
        java.util.Properties props = new java.util.Properties();
        props.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(props,
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topics.pages(), url, page.encode().toArray())).get();
        }
    }

    /** Starts the coordinator's REST API (node stats, statements) on a free port of 127.0.0.1. */
    public org.springframework.context.ConfigurableApplicationContext startRestApi() {
        return org.gleaner.coordinator.web.CoordinatorWebApp.start(durable.coordinator(), durable.epochs(),
                new org.gleaner.coordinator.web.ApiToken("x".repeat(40)), new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                "127.0.0.1", 0);
    }

    public static String restApiUrl(org.springframework.context.ConfigurableApplicationContext web) {
        return "http://127.0.0.1:" + web.getEnvironment().getProperty("local.server.port");
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public Coordinator coordinator() {
        return durable.coordinator();
    }

    public DurableCoordinator durable() {
        return durable;
    }

    public Ed25519KeyPair coordinatorKey() {
        return coordinatorKey;
    }

    public String leaseApi() {
        return api.baseUrl();
    }

    @Override
    public void close() throws Exception {
        api.close();
        durable.ingest().close();
        ingest.join(10_000);
        durable.close();
        broker.close();
    }
}
