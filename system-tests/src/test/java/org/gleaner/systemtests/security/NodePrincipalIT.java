package org.gleaner.systemtests.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
import org.gleaner.systemtests.support.RequiresEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node's Kafka principal on a cluster that authenticates (SASL/SCRAM) and authorizes (ACLs) every client:
 * it can write pages and links, and cannot read pages, write the ledger or the coordinator's topics, or
 * exceed its produce quota without being throttled. One broker: ACLs and quotas do not depend on replication,
 * and the container tier's time goes to the multi-node tests.
 */
@RequiresEnvironment(docker = true)
class NodePrincipalIT {
    private static final Topics TOPICS = Topics.DEFAULT;
    private static final long QUOTA_BYTES_PER_SECOND = 4 * 1024;

    private static KafkaClusterContainers cluster;
    private static String nodeUser;
    private static String nodePassword;
    private static String slowUser;

    @BeforeAll
    static void startSecuredCluster() throws Exception {
        cluster = KafkaClusterContainers.startSecured("NodePrincipalIT", 1, new SaslClusterAuth("admin", secret()));
        for (String topic : List.of(TOPICS.pages(), TOPICS.links(), TOPICS.ledger(), TOPICS.credits())) {
            cluster.createTopic(new NewTopic(topic, 1, (short) 1), Duration.ofSeconds(60));
        }
        nodeUser = NodeKafkaAccess.principalName("6e2ae283b9e53593" + "0".repeat(48));
        nodePassword = secret();
        NodeKafkaAccess.admit(cluster.admin(), TOPICS, nodeUser, nodePassword, 10L * 1024 * 1024);
        slowUser = "node-slow";
        NodeKafkaAccess.admit(cluster.admin(), TOPICS, slowUser, nodePassword, QUOTA_BYTES_PER_SECOND);
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

    @Test
    void aNodeOverItsProduceQuotaIsThrottled() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(slowUser, nodePassword)) {
            byte[] page = new byte[64 * 1024];
            new SecureRandom().nextBytes(page);
            send(producer, TOPICS.pages(), page);
            send(producer, TOPICS.pages(), page);
            // The broker answers at once and tells the client how long it is throttled (KIP-219).
            double throttled = producer.metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("produce-throttle-time-max") && e.getKey().group().equals("producer-metrics"))
                    .map(Map.Entry::getValue).map(Metric::metricValue).mapToDouble(v -> ((Number) v).doubleValue())
                    .max().orElse(0);
            assertThat(throttled).as("produce-throttle-time-max (ms)").isPositive();
        }
    }
}
