package org.gleaner.ledger.view;

import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.gleaner.ledger.mirror.LedgerTopic;
import org.gleaner.ledger.state.EntryRejectedException;

/**
 * Feeds a {@link ConsentView} from the ledger topic, from the entry after the view's last one. A record
 * whose offset or key is not the next index, or whose entry fails verification, stops the follower with a
 * {@link LedgerFeedException}: a view never skips or reorders entries.
 */
public final class KafkaLedgerFollower implements Closeable {
    private final ConsentView view;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition partition;

    public KafkaLedgerFollower(ConsentView view, String bootstrapServers, String topic, Map<String, Object> extraClientConfig) {
        this.view = view;
        Properties props = new Properties();
        props.putAll(extraClientConfig);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1 << 20);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seek(partition, view.size());
    }

    /** Polls once and appends what arrived; returns the number of entries appended. */
    public int poll(Duration timeout) throws LedgerFeedException {
        int appended = 0;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout).records(partition)) {
            long expected = view.size();
            if (record.offset() != expected || LedgerTopic.index(record.key()) != expected) {
                throw new LedgerFeedException("expected entry " + expected + " but got offset " + record.offset()
                        + " with key index " + LedgerTopic.index(record.key()));
            }
            try {
                view.append(record.value());
            } catch (EntryRejectedException e) {
                throw new LedgerFeedException("entry " + expected + " from the topic is refused: " + e.getMessage());
            }
            appended++;
        }
        return appended;
    }

    /** Polls until the view holds at least {@code size} entries or {@code timeout} passes; returns whether it got there. */
    public boolean catchUpTo(long size, Duration timeout) throws LedgerFeedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (view.size() < size && System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        return view.size() >= size;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
