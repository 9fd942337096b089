package org.gleaner.systemtests.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.gleaner.protocol.Topics;
import org.gleaner.systemtests.kafka.KafkaClusterContainers;
import org.gleaner.systemtests.kafka.SaslClusterAuth;
import org.gleaner.systemtests.multiprocess.GleanerProcess;
import org.gleaner.systemtests.multiprocess.GleanerProgram;
import org.gleaner.systemtests.support.RequiresEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node's Kafka principal on a cluster that authenticates (SASL/SCRAM) and authorizes (ACLs) every client:
 * it can write pages and links, and cannot read pages, write the ledger or the coordinator's topics, or
 * exceed its produce quota without being throttled; once removed it cannot sign in. Nodes are admitted and
 * removed with {@code gleaner kafka admit-node|remove-node}, run as separate processes. One broker: ACLs and quotas do not depend on replication,
 * and the container tier's time goes to the multi-node tests.
 */
@RequiresEnvironment(docker = true)
class NodePrincipalIT {
    private static final Topics TOPICS = Topics.DEFAULT;

    private static final String NODE_KEY = "6e2ae283b9e53593" + "0".repeat(48);
    private static final String SLOW_NODE_KEY = "5107" + "0".repeat(60);
    private static final String REMOVED_NODE_KEY = "4e30" + "0".repeat(60);

    private static KafkaClusterContainers cluster;
    private static GleanerProgram gleaner;
    private static Path adminConfig;
    private static String nodeUser;
    private static String nodePassword;
    private static String slowPassword;

    @BeforeAll
    static void startSecuredCluster() throws Exception {
        SaslClusterAuth auth = new SaslClusterAuth("admin", secret());
        cluster = KafkaClusterContainers.startSecured("NodePrincipalIT", 1, auth);
        for (String topic : List.of(TOPICS.pages(), TOPICS.links(), TOPICS.ledger(), TOPICS.credits())) {
            cluster.createTopic(new NewTopic(topic, 1, (short) 1), Duration.ofSeconds(60));
        }
        gleaner = GleanerProgram.fromBuild("NodePrincipalIT");
        adminConfig = Files.createTempDirectory("node-principal-it").resolve("admin.properties");
        Properties admin = new Properties();
        admin.putAll(auth.adminClientConfig());
        try (var out = Files.newBufferedWriter(adminConfig)) {
            admin.store(out, "the cluster admin's client settings");
        }
        Files.setPosixFilePermissions(adminConfig, PosixFilePermissions.fromString("rw-------"));

        nodeUser = "node-" + NODE_KEY.substring(0, 16);
        nodePassword = admit(NODE_KEY, "10MB/s");
        slowPassword = admit(SLOW_NODE_KEY, "16KiB/s");
    }

    /** {@code gleaner kafka admit-node} as an operator runs it; returns the password it wrote. */
    private static String admit(String nodeKey, String quota) throws Exception {
        Path passwordFile = adminConfig.resolveSibling(nodeKey.substring(0, 8) + ".password");
        GleanerProcess.Finished admitted = gleaner.run("admit-" + nodeKey.substring(0, 8), List.of("kafka", "admit-node",
                "--bootstrap-servers", cluster.bootstrapServers(), "--admin-config", adminConfig.toString(),
                "--node-key", nodeKey, "--produce-quota", quota, "--password-file", passwordFile.toString()));
        assertThat(admitted.exitCode()).as(admitted.output()).isZero();
        String password = Files.readString(passwordFile).strip();
        assertThat(admitted.output()).contains("admitted     node-" + nodeKey.substring(0, 16))
                .contains("may write    gleaner.pages, gleaner.links (nothing else)").doesNotContain(password);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
        return password;
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String secret() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** The node's producer, configured like the node's PagePublisher (idempotent, acks=all), plus SCRAM. */
    private static KafkaProducer<byte[], byte[]> producer(String user, String password) {
        Map<String, Object> config = new HashMap<>(SaslClusterAuth.scramClientConfig(user, password));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static RecordMetadata send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(topic, "k".getBytes(), value)).get(60, TimeUnit.SECONDS);
    }

    @Test
    void aNodeWritesPagesAndLinks() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(nodeUser, nodePassword)) {
            assertThat(send(producer, TOPICS.pages(), "page".getBytes()).offset()).isNotNegative();
            assertThat(send(producer, TOPICS.links(), "links".getBytes()).offset()).isNotNegative();
        }
    }

    @Test
    void aNodeCannotWriteTheLedgerOrTheCoordinatorsTopics() {
        try (KafkaProducer<byte[], byte[]> producer = producer(nodeUser, nodePassword)) {
            for (String topic : List.of(TOPICS.ledger(), TOPICS.credits())) {
                assertThatThrownBy(() -> send(producer, topic, "forged".getBytes()))
                        .as(topic).isInstanceOf(ExecutionException.class).cause().isInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    @Test
    void aNodeCannotReadPagesThatTheAdminCanRead() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(nodeUser, nodePassword)) {
            send(producer, TOPICS.pages(), "readable by the coordinator, not by nodes".getBytes());
        }
        Map<String, Object> admin = new HashMap<>(cluster.adminClientConfigForTests());
        admin.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        admin.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(admin, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition pages = new TopicPartition(TOPICS.pages(), 0);
            consumer.assign(List.of(pages));
            consumer.seekToBeginning(List.of(pages));
            int read = 0;
            for (int i = 0; i < 60 && read == 0; i++) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            assertThat(read).as("records the admin reads from " + TOPICS.pages()).isPositive();
        }

        Map<String, Object> config = new HashMap<>(SaslClusterAuth.scramClientConfig(nodeUser, nodePassword));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(TOPICS.pages(), 0)));
            assertThatThrownBy(() -> {
                for (int i = 0; i < 60; i++) {
                    consumer.poll(Duration.ofMillis(500));
                }
            }).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        try (KafkaProducer<byte[], byte[]> producer = producer(nodeUser, secret())) {
            assertThatThrownBy(() -> send(producer, TOPICS.pages(), "page".getBytes()))
                    .satisfiesAnyOf(
                            e -> assertThat(e).isInstanceOf(SaslAuthenticationException.class),
                            e -> assertThat(e).cause().isInstanceOf(SaslAuthenticationException.class));
        }
    }

    private static double throttleTimeMax(KafkaProducer<byte[], byte[]> producer) {
        return producer.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("produce-throttle-time-max") && e.getKey().group().equals("producer-metrics"))
                .map(Map.Entry::getValue).map(Metric::metricValue).mapToDouble(v -> ((Number) v).doubleValue())
                .filter(v -> !Double.isNaN(v)).max().orElse(0);
    }

    @Test
    void aRemovedNodeIsRefused() throws Exception {
        String password = admit(REMOVED_NODE_KEY, "1MB/s");
        String user = "node-" + REMOVED_NODE_KEY.substring(0, 16);
        try (KafkaProducer<byte[], byte[]> producer = producer(user, password)) {
            assertThat(send(producer, TOPICS.pages(), "before removal".getBytes()).offset()).isNotNegative();
        }
        GleanerProcess.Finished removed = gleaner.run("remove-4e30", List.of("kafka", "remove-node",
                "--bootstrap-servers", cluster.bootstrapServers(), "--admin-config", adminConfig.toString(),
                "--node-key", REMOVED_NODE_KEY));
        assertThat(removed.exitCode()).as(removed.output()).isZero();
        assertThat(removed.output()).contains("removed      " + user + " (credentials, 2 ACLs, quota)");
        try (KafkaProducer<byte[], byte[]> producer = producer(user, password)) {
            assertThatThrownBy(() -> send(producer, TOPICS.pages(), "after removal".getBytes()))
                    .satisfiesAnyOf(
                            e -> assertThat(e).isInstanceOf(SaslAuthenticationException.class),
                            e -> assertThat(e).cause().isInstanceOf(SaslAuthenticationException.class));
        }
    }

    @Test
    void aNodeOverItsProduceQuotaIsThrottled() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer("node-" + SLOW_NODE_KEY.substring(0, 16), slowPassword)) {
            byte[] page = new byte[64 * 1024];
            new SecureRandom().nextBytes(page);
            // The broker measures the rate over its whole quota window (about 10 s), so a few 64 KiB pages in a row
            // exceed 16 KiB/s; it answers at once and tells the client how long it is throttled (KIP-219).
            double throttled = 0;
            for (int i = 0; i < 12 && throttled == 0; i++) {
                send(producer, TOPICS.pages(), page);
                throttled = throttleTimeMax(producer);
            }
            assertThat(throttled).as("produce-throttle-time-max (ms)").isPositive();
        }
    }
}
