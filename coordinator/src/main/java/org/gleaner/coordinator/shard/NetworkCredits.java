package org.gleaner.coordinator.shard;

import org.gleaner.protocol.kafka.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.gleaner.coordinator.credit.CreditBook;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.coordinator.fraud.FraudSignals;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.reward.StatementBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every node's credits, refusals, fraud signals and latest statement across the whole shared frontier, as any instance
 * can serve them: the fold of the committed credits topic (written by every partition) and the statements topic
 * (written by the epoch closer), followed from the beginning. A node's figures are the same whichever instance answers,
 * once each has read up to the same point.
 */
final class NetworkCredits implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NetworkCredits.class);

    private final String creditsTopic;
    private final String statementsTopic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final CreditBook book = new CreditBook();
    private final FraudSignals signals = new FraudSignals(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    private final Map<String, StatementBundle> statements = new HashMap<>();
    private volatile boolean running = true;

    NetworkCredits(KafkaConnection kafka, String creditsTopic, String statementsTopic) {
        this.creditsTopic = creditsTopic;
        this.statementsTopic = statementsTopic;
        this.consumer = new KafkaConsumer<>(ShardKafkaClients.networkCreditsConsumer(kafka), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(creditsTopic, statementsTopic)) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("stopped following the credits and statements topics: {}", e.toString());
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        try {
            if (r.topic().equals(creditsTopic)) {
                CreditEvent event = CreditEvent.decode(r.value());
                synchronized (this) {
                    // Credits of one node are in one partition, in decision order, so a verdict follows the credit it takes back.
                    book.apply(event);
                    event.reason().ifPresent(reason -> signals.restored(event.nodeId(), reason));
                }
            } else {
                StatementBundle bundle = StatementBundle.decode(r.value());
                String node = bundle.statement().record().nodeKey().hex();
                synchronized (this) {
                    StatementBundle before = statements.get(node);
                    if (before == null || before.statement().record().epoch() < bundle.statement().record().epoch()) {
                        statements.put(node, bundle);
                    }
                }
            }
        } catch (MalformedRecordException e) {
            log.warn("skipped a record no coordinator wrote in {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    synchronized Optional<NodeCredits> credits(String nodeId) {
        return book.of(nodeId);
    }

    synchronized Map<ReasonCode, Long> signals(String nodeId) {
        return signals.snapshot().getOrDefault(nodeId, Map.of());
    }

    /** The node's statement of the latest epoch that held it. */
    synchronized Optional<StatementBundle> statement(String nodeId) {
        return Optional.ofNullable(statements.get(nodeId));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
