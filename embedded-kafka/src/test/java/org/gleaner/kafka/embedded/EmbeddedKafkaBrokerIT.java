package org.gleaner.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.FileRecords;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    @Test
    void producesAndConsumesWithIdempotentZstdProducer() throws Exception {
        Path dir;
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().build()) {
            long t0 = System.nanoTime();
            kafka.start();
            long startMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(startMs).as("start-up time in ms").isLessThan(30_000);
            assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(kafka.isRunning()).isTrue();
            dir = kafka.dataDir();
            assertThat(dir.resolve("meta.properties")).exists();

            kafka.createTopic("it.records", 3, Map.of("max.message.bytes", "2097152"));
            Config topicConfig = kafka.admin().describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "it.records")))
                    .all().get().values().iterator().next();
            assertThat(topicConfig.get("max.message.bytes").value()).isEqualTo("2097152");
            assertThat(topicConfig.get("compression.type").value()).isEqualTo("producer");

            int n = 2_000;
            Map<String, byte[]> sent = produce(kafka.bootstrapServers(), "it.records", n, "r");
            Map<String, byte[]> received = consumeAll(kafka.bootstrapServers(), "it.records", n);
            assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
            sent.forEach((k, v) -> assertThat(received.get(k)).as(k).isEqualTo(v));

            // The topic keeps the producer's compression: every batch on disk is zstd.
            int batches = 0;
            for (int partition = 0; partition < 3; partition++) {
                Path segment = dir.resolve("it.records-" + partition).resolve("00000000000000000000.log");
                try (FileRecords records = FileRecords.open(segment.toFile())) {
                    for (RecordBatch batch : records.batches()) {
                        assertThat(batch.compressionType()).isEqualTo(CompressionType.ZSTD);
                        assertThat(batch.hasProducerId()).as("idempotent producer id").isTrue();
                        batches++;
                    }
                }
            }
            assertThat(batches).isPositive();
        }
        assertThat(dir).as("temporary data directory removed on close").doesNotExist();
    }

    @Test
    void restartOnSameDataDirKeepsTopicsAndRecords(@TempDir Path dataDir) throws Exception {
        int n = 500;
        Map<String, byte[]> sent;
        int port;
        String clusterId;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().dataDir(dataDir).build().start()) {
            first.createTopic("it.durable", 2);
            sent = produce(first.bootstrapServers(), "it.durable", n, "d");
            port = first.port();
            clusterId = first.clusterId();
        }
        assertThat(dataDir.resolve("meta.properties")).as("caller's data directory is kept").exists();

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().dataDir(dataDir).port(port).build().start()) {
            assertThat(second.clusterId()).isEqualTo(clusterId);
            assertThat(second.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            assertThat(second.admin().listTopics().names().get()).contains("it.durable");
            Map<String, byte[]> received = consumeAll(second.bootstrapServers(), "it.durable", n);
            assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
            sent.forEach((k, v) -> assertThat(received.get(k)).as(k).isEqualTo(v));

            // stop() and start() on the same instance: same port, records still there, producing resumes.
            second.stop();
            assertThat(second.isRunning()).isFalse();
            second.start();
            assertThat(second.port()).isEqualTo(port);
            Map<String, byte[]> more = produce(second.bootstrapServers(), "it.durable", 10, "e");
            Map<String, byte[]> all = consumeAll(second.bootstrapServers(), "it.durable", n + 10);
            assertThat(all).hasSize(n + 10);
            assertThat(all.keySet()).containsAll(more.keySet());
        }
        assertThat(Files.list(dataDir)).isNotEmpty();
    }

    @Test
    void brokerPropertiesOverrideDefaults() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder()
                .brokerProperty("message.max.bytes", "2097152")
                .build().start()) {
            Config c = kafka.admin().describeConfigs(List.of(new ConfigResource(ConfigResource.Type.BROKER, "1")))
                    .all().get().values().iterator().next();
            assertThat(c.get("message.max.bytes").value()).isEqualTo("2097152");
            assertThat(c.get("auto.create.topics.enable").value()).isEqualTo("false");
            assertThat(c.get("offsets.topic.replication.factor").value()).isEqualTo("1");
        }
    }

    static Map<String, byte[]> produce(String bootstrap, String topic, int n, String prefix) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, CompressionType.ZSTD.name);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        Map<String, byte[]> sent = new HashMap<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                String key = prefix + "-" + i;
                byte[] value = ("value of " + key + " " + "x".repeat(i % 97)).getBytes(StandardCharsets.UTF_8);
                sent.put(key, value);
                acks.add(producer.send(new ProducerRecord<>(topic, key, value)));
            }
            producer.flush();
            for (Future<RecordMetadata> f : acks) {
                assertThat(f.get().offset()).isGreaterThanOrEqualTo(0);
            }
        }
        return sent;
    }

    static Map<String, byte[]> consumeAll(String bootstrap, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, byte[]> received = new HashMap<>();
        int duplicates = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (received.put(r.key(), r.value()) != null) {
                        duplicates++;
                    }
                }
            }
            // No more records than were produced: the end offsets add up to the count.
            long total = consumer.endOffsets(consumer.assignment()).values().stream().mapToLong(Long::longValue).sum();
            assertThat(total).isEqualTo(expected);
            assertThat(consumer.assignment()).allMatch((TopicPartition tp) -> tp.topic().equals(topic));
        }
        assertThat(duplicates).as("duplicates").isZero();
        return received;
    }
}
