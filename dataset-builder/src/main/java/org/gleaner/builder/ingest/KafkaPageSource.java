package org.gleaner.builder.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the pages topic with kafka-clients: it assigns itself every partition of the topic (no group
 * rebalancing, so a build sees each record exactly once), starts at the earliest offsets whatever the group
 * committed before ({@link StartPosition#EARLIEST}, the default) or at the group's committed offsets
 * ({@link StartPosition#COMMITTED}, for incremental builds), and reads only committed transactional data
 * ({@code isolation.level=read_committed}). The end offsets seen at assignment define {@link #caughtUp()}.
 * The group id is used only to commit, after a build, how far it read. A topic that does not exist yet is
 * looked up again on every poll (the consumer never auto-creates it).
 */
public final class KafkaPageSource implements PageSource {
    private static final Logger log = LoggerFactory.getLogger(KafkaPageSource.class);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(1);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final StartPosition start;
    private Map<TopicPartition, Long> endOffsets;

    /** Where a build starts reading. */
    public enum StartPosition {
        /** The topic's earliest offsets, whatever the group committed: a full build of everything retained. */
        EARLIEST,
        /** The group's committed offsets (the earliest where none): the pages no earlier build has read. */
        COMMITTED
    }

    /**
     * @param kafkaProperties extra consumer properties (security settings, client id, fetch sizes); they
     *                        override the defaults except the deserializers
     */
    public KafkaPageSource(String bootstrapServers, String topic, String groupId, Map<String, String> kafkaProperties) {
        this(bootstrapServers, topic, groupId, kafkaProperties, StartPosition.EARLIEST);
    }

    public KafkaPageSource(String bootstrapServers, String topic, String groupId, Map<String, String> kafkaProperties,
            StartPosition start) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.start = Objects.requireNonNull(start, "start");
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, Objects.requireNonNull(groupId, "groupId"));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        props.putAll(kafkaProperties);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
    }

    @Override
    public List<SourceRecord> poll(Duration timeout) {
        if (endOffsets == null && !assign()) {
            return List.of();
        }
        List<SourceRecord> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            out.add(new SourceRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value()));
        }
        return out;
    }

    /** Assigns every partition once the topic exists; false while it does not. */
    private boolean assign() {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, METADATA_WAIT);
        if (partitions == null || partitions.isEmpty()) {
            log.debug("topic {} has no partitions yet", topic);
            return false;
        }
        List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(tps);
        if (start == StartPosition.EARLIEST) {
            consumer.seekToBeginning(tps);
        } else {
            // assign() does not look up committed offsets by itself for a seek; position() does, falling back to
            // auto.offset.reset=earliest for partitions the group never committed.
            tps.forEach(consumer::position);
        }
        endOffsets = new HashMap<>(consumer.endOffsets(tps));
        log.info("reading {} from {}: {} partition(s), end offsets {}", topic,
                start == StartPosition.EARLIEST ? "the beginning" : "the group's committed offsets", tps.size(), endOffsets);
        return true;
    }

    @Override
    public boolean caughtUp() {
        if (endOffsets == null) {
            return false;
        }
        for (Map.Entry<TopicPartition, Long> e : endOffsets.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void commit() {
        if (endOffsets == null) {
            return;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition tp : consumer.assignment()) {
                offsets.put(tp, new OffsetAndMetadata(consumer.position(tp)));
            }
            consumer.commitSync(offsets);
        } catch (KafkaException e) {
            log.warn("could not commit the positions of {} (the build is unaffected): {}", topic, e.toString());
        }
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
