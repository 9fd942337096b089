package org.gleaner.systemtests.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.systemtests.support.RequiresEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client no one here wrote, kcat (librdkafka), reads the {@code gleaner.pages} topic of the container
 * cluster and sees exactly what our Java producer wrote with zstd: every key, partition, offset, header
 * and value byte.
 */
@RequiresEnvironment(docker = true, commands = "kcat|kafkacat")
class KcatReadsPagesTopicIT {

    private static final Logger LOG = LoggerFactory.getLogger(KcatReadsPagesTopicIT.class);
    private static final int PAGES = 400;
    private static final int PARTITIONS = 3;

    private static KafkaClusterContainers cluster;

    @BeforeAll
    static void startCluster() {
        cluster = KafkaClusterContainers.start("KcatReadsPagesTopicIT");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void kcatSeesEveryPageExactlyAsProduced() throws Exception {
        cluster.createTopic(new NewTopic(PageRecords.TOPIC, PARTITIONS, (short) 3)
                .configs(Map.of("compression.type", "zstd", "min.insync.replicas", "2",
                        "max.message.bytes", String.valueOf(4 * 1024 * 1024))), Duration.ofSeconds(60));

        // Produce with zstd, idempotent, acks=all; remember where each page landed.
        Map<String, ProducerRecord<byte[], byte[]>> sent = new HashMap<>();
        Map<String, RecordMetadata> landed = new HashMap<>();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < PAGES; i++) {
                ProducerRecord<byte[], byte[]> record = PageRecords.page(i);
                String url = new String(record.key(), StandardCharsets.UTF_8);
                sent.put(url, record);
                urls.add(url);
                futures.add(producer.send(record));
            }
            producer.flush();
            for (int i = 0; i < PAGES; i++) {
                landed.put(urls.get(i), futures.get(i).get());
            }
        }
        long produceMs = (System.nanoTime() - t0) / 1_000_000;

        Kcat kcat = new Kcat();
        String listing = kcat.metadata(cluster.bootstrapServers(), PageRecords.TOPIC, Duration.ofSeconds(30));
        assertThat(listing).contains("3 brokers:")
                .contains("topic \"" + PageRecords.TOPIC + "\" with " + PARTITIONS + " partitions:");

        t0 = System.nanoTime();
        List<Kcat.Message> messages = kcat.consumeAll(cluster.bootstrapServers(), PageRecords.TOPIC, Duration.ofSeconds(60));
        long kcatMs = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("produced {} pages in {} ms; {} read them back in {} ms", PAGES, produceMs, kcat.executable(), kcatMs);

        assertThat(messages).hasSize(PAGES);
        Map<String, Kcat.Message> byKey = new HashMap<>();
        for (Kcat.Message m : messages) {
            String url = new String(m.key(), StandardCharsets.UTF_8);
            assertThat(byKey.put(url, m)).as("duplicate key %s", url).isNull();
        }
        assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
        for (Map.Entry<String, ProducerRecord<byte[], byte[]>> e : sent.entrySet()) {
            Kcat.Message m = byKey.get(e.getKey());
            RecordMetadata md = landed.get(e.getKey());
            assertThat(m.partition()).as("partition of %s", e.getKey()).isEqualTo(md.partition());
            assertThat(m.offset()).as("offset of %s", e.getKey()).isEqualTo(md.offset());
            assertThat(m.value()).as("value length of %s", e.getKey()).hasSize(e.getValue().value().length);
            assertThat(sha256(m.value())).as("value sha256 of %s", e.getKey()).isEqualTo(sha256(e.getValue().value()));
            assertThat(m.headers()).as("headers of %s", e.getKey()).isEqualTo(PageRecords.kcatHeaders(e.getValue()));
            FetchedPage page = FetchedPage.decode(m.value());
            assertThat(page.receipt().record().url()).as("receipt URL of %s", e.getKey()).isEqualTo(e.getKey());
            assertThat(page.receipt().verifies(PageRecords.ORIGIN, PageRecords.NODE.publicKey()))
                    .as("receipt signature of %s as read by kcat", e.getKey()).isTrue();
            assertThat(page.bodyMatchesReceipt()).as("body hash of %s", e.getKey()).isTrue();
        }

        // Offsets are dense per partition (no transactions here): end offset = number of pages in it.
        Map<Integer, Long> perPartition = messages.stream()
                .collect(Collectors.groupingBy(Kcat.Message::partition, Collectors.counting()));
        assertThat(perPartition.keySet()).containsExactlyInAnyOrder(0, 1, 2);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int i = 0; i < PARTITIONS; i++) {
            latest.put(new TopicPartition(PageRecords.TOPIC, i), OffsetSpec.latest());
        }
        cluster.admin().listOffsets(latest).all().get().forEach((tp, info) ->
                assertThat(info.offset()).as("end offset of %s", tp).isEqualTo(perPartition.get(tp.partition())));
        for (int partition = 0; partition < PARTITIONS; partition++) {
            int part = partition;
            List<Long> offsets = messages.stream().filter(m -> m.partition() == part).map(Kcat.Message::offset).sorted().toList();
            for (int i = 0; i < offsets.size(); i++) {
                assertThat(offsets.get(i)).isEqualTo(i);
            }
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
