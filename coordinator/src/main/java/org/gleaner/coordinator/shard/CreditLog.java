package org.gleaner.coordinator.shard;

import org.gleaner.protocol.kafka.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.gleaner.coordinator.credit.CreditBook;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.protocol.codec.MalformedRecordException;

/**
 * The credits topic as every partition of a shared frontier wrote it, read up to a cut: per partition, the committed
 * end offset (read_committed, so the last stable offset) at the moment of the cut. Credits are keyed by node, so each
 * node's events sit in one partition in the order they were decided and a cut holds a prefix of every node's history:
 * a node's cumulative amount at a cut never misses a credit that an earlier cut held, nor counts one twice.
 */
final class CreditLog {
    private final KafkaConnection kafka;
    private final String topic;

    CreditLog(KafkaConnection kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    /** The committed end of each partition now, by partition index. */
    List<Long> committedEnds() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            return partitions.stream().map(ends::get).toList();
        }
    }

    /** Every node's credits in the events before {@code ends}, folded exactly as a coordinator's credit book folds them. */
    List<NodeCredits> creditsAt(List<Long> ends) {
        List<CreditEvent> events = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            if (partitions.size() != ends.size()) {
                throw new IllegalStateException("the cut names " + ends.size() + " partitions of " + topic + ", which has "
                        + partitions.size() + "; the credits topic must not be repartitioned");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < ends.get(p.partition()))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < ends.get(r.partition())) {
                        events.add(decode(r));
                    }
                }
            }
        }
        CreditBook book = new CreditBook();
        // Same order as a coordinator's replay: credits first (a verdict can take one back), then disputes, then verdicts.
        events.stream().sorted(Comparator.comparingInt(e -> switch (e.kind()) {
            case CREDITED, CREDITED_FOR_SPOT_CHECK -> 0;
            case SPOT_CHECK_DISPUTED -> 1;
            default -> 2;
        })).forEach(book::apply);
        return book.snapshot();
    }

    private CreditEvent decode(ConsumerRecord<byte[], byte[]> r) {
        try {
            return CreditEvent.decode(r.value());
        } catch (MalformedRecordException e) {
            throw new IllegalStateException("the credits topic holds a record no coordinator wrote at " + r.partition() + "@"
                    + r.offset() + ": " + e.getMessage(), e);
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> out = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            out.add(new TopicPartition(topic, info.partition()));
        }
        out.sort(Comparator.comparingInt(TopicPartition::partition));
        return out;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(ShardKafkaClients.creditLogConsumer(kafka), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
