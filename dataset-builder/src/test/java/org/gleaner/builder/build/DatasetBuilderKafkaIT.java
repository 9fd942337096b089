package org.gleaner.builder.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.gleaner.builder.convert.SkipReason;
import org.gleaner.builder.testing.TestPages;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.page.FetchedPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder against a real in-JVM KRaft broker, with records produced by a real Kafka producer. */
class DatasetBuilderKafkaIT {
    private static final Duration IDLE = Duration.ofSeconds(20);

    @TempDir
    static Path kafkaDir;
    static EmbeddedKafkaBroker kafka;

    @TempDir
    Path out;
    private final TestPages pages = new TestPages();

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafkaBroker.builder().dataDir(kafkaDir).build();
        kafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> extra) {
        Map<String, Object> props = new java.util.HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        props.putAll(extra);
        return new KafkaProducer<>(props);
    }

    private static ProducerRecord<byte[], byte[]> pageRecord(String topic, FetchedPage page) {
        return new ProducerRecord<>(topic, page.receipt().record().url().getBytes(StandardCharsets.UTF_8),
                page.encode().toArray());
    }

    private FetchedPage page(int i) {
        return pages.htmlPage("https://docs.example.test/page/" + i, "Page " + i, "Content of page number " + i + ".");
    }

    @Test
    void buildsSignedPagesFromTheTopicAndCountsGarbageAsMalformed() throws Exception {
        String topic = "it1.pages";
        kafka.createTopic(topic, 3);
        RecordMetadata garbage;
        try (KafkaProducer<byte[], byte[]> producer = producer(Map.of())) {
            for (int i = 0; i < 3; i++) {
                producer.send(pageRecord(topic, page(i))).get();
            }
            garbage = producer.send(new ProducerRecord<>(topic, "junk".getBytes(StandardCharsets.UTF_8),
                    new byte[] {1, 0, 0, 0, 9, 'g', 'a', 'r', 'b'})).get();
            for (int i = 3; i < 5; i++) {
                producer.send(pageRecord(topic, page(i))).get();
            }
        }
        DatasetBuilderConfig config = DatasetBuilderConfig.of(out, "docs", "1").withNetworkOrigin(TestPages.ORIGIN);

        BuildResult result = new DatasetBuilder(config).build(kafka.bootstrapServers(), topic, BuildLimits.untilCaughtUp(IDLE));

        assertThat(result.stopReason()).isEqualTo(StopReason.CAUGHT_UP);
        assertThat(result.rows()).isEqualTo(5);
        assertThat(result.recordsRead()).isEqualTo(6);
        assertThat(result.malformed()).isEqualTo(1);
        assertThat(result.totalSkipped()).isEqualTo(1);
        assertThat(result.malformedSamples()).singleElement().satisfies(m -> {
            assertThat(m.topic()).isEqualTo(topic);
            assertThat(m.partition()).isEqualTo(garbage.partition());
            assertThat(m.offset()).isEqualTo(garbage.offset());
        });
        assertThat(result.path()).isEqualTo(out.resolve("docs/v1/part-00000.parquet").toAbsolutePath());

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT url), min(text), max(language) FROM read_parquet('"
                        + result.path() + "')")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getLong(1)).isEqualTo(5);
            assertThat(r.getLong(2)).isEqualTo(5);
            assertThat(r.getString(3)).isEqualTo("Content of page number 0.");
            assertThat(r.getString(4)).isEqualTo("und");
        }

        // The build committed how far it read under its group...
        assertThat(committed(config.groupId(), topic, 3)).isEqualTo(6);
        // ...and the next version still reads the topic from the beginning.
        BuildResult v2 = new DatasetBuilder(DatasetBuilderConfig.of(out, "docs", "2"))
                .build(kafka.bootstrapServers(), topic, BuildLimits.untilCaughtUp(IDLE));
        assertThat(v2.rows()).isEqualTo(5);
        assertThat(v2.malformed()).isEqualTo(1);
    }

    @Test
    void readsOnlyCommittedTransactionsAndKeepsTheFirstRecordPerUrl() throws Exception {
        String topic = "it2.pages";
        kafka.createTopic(topic, 2);
        try (KafkaProducer<byte[], byte[]> producer = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it2-node"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(pageRecord(topic, page(1)));
            producer.send(pageRecord(topic, page(2)));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(pageRecord(topic, page(3)));
            producer.send(pageRecord(topic, page(4)));
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            // Same URL, same key, same partition: a later fetch of page 1 loses to the first.
            producer.send(pageRecord(topic, pages.htmlPage("https://docs.example.test/page/1", "Again", "Re-fetched.")));
            producer.commitTransaction();
        }

        BuildResult result = new DatasetBuilder(DatasetBuilderConfig.of(out, "tx", "1"))
                .build(kafka.bootstrapServers(), topic, BuildLimits.untilCaughtUp(IDLE));

        assertThat(result.stopReason()).isEqualTo(StopReason.CAUGHT_UP);
        assertThat(result.rows()).isEqualTo(2);
        assertThat(result.recordsRead()).isEqualTo(3);
        assertThat(result.skipped(SkipReason.DUPLICATE_URL)).isEqualTo(1);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT title FROM read_parquet('" + result.path() + "') ORDER BY url")) {
            List<String> titles = new ArrayList<>();
            while (r.next()) {
                titles.add(r.getString(1));
            }
            assertThat(titles).containsExactly("Page 1", "Page 2");
        }
    }

    @Test
    void waitsForATopicThatAppearsLaterAndStopsAtTheExpectedPages() throws Exception {
        String topic = "it3.pages";
        CompletableFuture<BuildResult> build = CompletableFuture.supplyAsync(() -> {
            try {
                return new DatasetBuilder(DatasetBuilderConfig.of(out, "late", "1"))
                        .build(kafka.bootstrapServers(), topic, BuildLimits.untilPages(4, IDLE));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(1500);
        kafka.createTopic(topic, 1);
        try (KafkaProducer<byte[], byte[]> producer = producer(Map.of())) {
            for (int i = 0; i < 4; i++) {
                producer.send(pageRecord(topic, page(i))).get();
                Thread.sleep(100);
            }
        }

        BuildResult result = build.get(60, TimeUnit.SECONDS);

        assertThat(result.stopReason()).isEqualTo(StopReason.EXPECTED_PAGES);
        assertThat(result.rows()).isEqualTo(4);
        assertThat(result.path()).exists();
    }

    private static long committed(String groupId, String topic, int partitions) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            java.util.Set<TopicPartition> tps = new java.util.HashSet<>();
            for (int p = 0; p < partitions; p++) {
                tps.add(new TopicPartition(topic, p));
            }
            return consumer.committed(tps).values().stream()
                    .mapToLong(o -> o == null ? 0 : o.offset())
                    .sum();
        }
    }
}
