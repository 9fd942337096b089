package org.gleaner.coordinator.durable;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.gleaner.coordinator.journal.Journal;
import org.gleaner.coordinator.journal.JournalCodec;
import org.gleaner.coordinator.journal.JournalEvent;

/**
 * The journal on its Kafka topic. Each append is one transaction: {@link #appendAll} returns once its
 * events are committed. The transactional id fences an older instance of the same coordinator, so a zombie that lost
 * its place cannot grant leases behind the new one's back.
 */
public final class KafkaJournal implements Journal, AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private volatile boolean broken;

    public KafkaJournal(String bootstrapServers, String topic, String transactionalId) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(TransactionalProducers.config(bootstrapServers, transactionalId),
                new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    @Override
    public void append(JournalEvent event) {
        appendAll(java.util.List.of(event));
    }

    @Override
    public synchronized void appendAll(java.util.List<JournalEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        if (broken) {
            throw new JournalUnavailableException("the journal failed earlier; the coordinator must restart");
        }
        try {
            producer.beginTransaction();
            for (JournalEvent event : events) {
                producer.send(new ProducerRecord<>(topic, JournalCodec.encode(event)));
            }
            producer.commitTransaction();
        } catch (KafkaException e) {
            broken = true;
            throw new JournalUnavailableException("journal write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }

}
