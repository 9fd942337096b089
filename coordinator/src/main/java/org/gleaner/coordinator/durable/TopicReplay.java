package org.gleaner.coordinator.durable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.gleaner.protocol.kafka.KafkaConnection;

/**
 * Reads every committed record of a topic, from the beginning up to the end it had when the replay began
 * (read_committed, so records of aborted or still-open transactions are never seen), partition by partition.
 */
public final class TopicReplay {
    private TopicReplay() {
    }

    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic, int maxRecordBytes) {
        return read(KafkaConnection.plaintext(bootstrapServers), topic, null, maxRecordBytes);
    }

    public static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaConnection kafka, String topic, int maxRecordBytes) {
        return read(kafka, topic, null, maxRecordBytes);
    }

    /** Every committed record of one partition, up to the end it had when the replay began. */
    public static List<ConsumerRecord<byte[], byte[]>> readPartition(String bootstrapServers, String topic, int partition,
            int maxRecordBytes) {
        return read(KafkaConnection.plaintext(bootstrapServers), topic, partition, maxRecordBytes);
    }

    public static List<ConsumerRecord<byte[], byte[]>> readPartition(KafkaConnection kafka, String topic, int partition,
            int maxRecordBytes) {
        return read(kafka, topic, partition, maxRecordBytes);
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(KafkaConnection kafka, String topic, Integer only, int maxRecordBytes) {
        Properties props = kafka.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(Math.max(maxRecordBytes, 1 << 20)));
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                if (only != null && info.partition() != only) {
                    continue;
                }
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < ends.get(tp)) {
                        out.add(record);
                    }
                }
            }
        }
        return out;
    }
}
