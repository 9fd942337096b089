package org.gleaner.coordinator.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.protocol.page.LinkBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the coordinator from Kafka: pages to be verified and credited, outlinks for the frontier. Tells the
 * coordinator when it has consumed everything that was in the topics when a check began, which is how the
 * coordinator knows a job is really finished. Malformed records are counted, logged by offset and skipped.
 */
public final class ContributionIngest implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ContributionIngest.class);

    private final Coordinator coordinator;
    private final Topics topics;
    private final Clock clock;
    private final KafkaConsumer<String, byte[]> consumer;
    private final AtomicBoolean running = new AtomicBoolean(true);

    public ContributionIngest(Coordinator coordinator, String bootstrapServers, Topics topics, Clock clock) {
        this.coordinator = coordinator;
        this.topics = topics;
        this.clock = clock;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "gleaner-coordinator");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(FetchedPage.MAX_ENCODED));
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void run() {
        try {
            consumer.assign(partitionsOf(List.of(topics.pages(), topics.links())));
            while (running.get()) {
                long checkStarted = clock.millis();
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<String, byte[]> record : records) {
                    handle(record);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
                if (caughtUp()) {
                    coordinator.caughtUp(checkStarted);
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } finally {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private List<TopicPartition> partitionsOf(List<String> topicNames) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topicNames) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        return partitions;
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.topic().equals(topics.pages())) {
                coordinator.acceptPage(FetchedPage.decode(record.value()));
            } else {
                coordinator.acceptLinks(LinkBatch.decode(record.value()));
            }
        } catch (MalformedRecordException e) {
            coordinator.refuseMalformed();
            log.warn("skipped malformed record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    private boolean caughtUp() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(10));
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
    }
}
