package org.gleaner.coordinator.durable;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gleaner.coordinator.journal.JournalCodec;
import org.gleaner.coordinator.journal.JournalEvent;
import org.gleaner.coordinator.reward.EpochCloser;
import org.gleaner.coordinator.reward.RewardRootPublisher;
import org.gleaner.protocol.reward.StatementBundle;
import org.gleaner.protocol.kafka.KafkaConnection;

/**
 * Publishes a closed epoch in one Kafka transaction: the signed reward-root {@code LedgerEntry} (encoded as
 * {@code Signed<LedgerEntry>}) to the ledger submissions topic, for the consent ledger's sequencer to adopt; each node's
 * statement bundle to the statements topic, keyed by node id; and the epoch's close to the journal.
 */
public final class KafkaRewardRootPublisher implements RewardRootPublisher, AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final CoordinatorTopics topics;

    public KafkaRewardRootPublisher(KafkaConnection kafka, CoordinatorTopics topics, String transactionalId) {
        this.topics = topics;
        this.producer = new KafkaProducer<>(TransactionalProducers.config(kafka, transactionalId),
                new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    @Override
    public synchronized void publish(EpochCloser.ClosedEpoch epoch) {
        try {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topics.ledgerSubmissions(), null, epoch.ledgerEntry().encode().toArray()));
            for (Map.Entry<String, StatementBundle> statement : epoch.statements().entrySet()) {
                producer.send(new ProducerRecord<>(topics.statements(), statement.getKey(), statement.getValue().encode().toArray()));
            }
            producer.send(new ProducerRecord<>(topics.journal(), null, JournalCodec.encode(new JournalEvent.EpochClosed(
                    epoch.root().epoch(), epoch.root().treeSize(), epoch.root().rootHash(), epoch.root().closedAtMillis()))));
            producer.commitTransaction();
        } catch (KafkaException e) {
            throw new JournalUnavailableException("publishing epoch " + epoch.root().epoch() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
