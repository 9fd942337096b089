package org.gleaner.coordinator.durable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.gleaner.coordinator.journal.Journal;
import org.gleaner.coordinator.journal.JournalCodec;
import org.gleaner.coordinator.journal.JournalEvent;
import org.gleaner.protocol.kafka.KafkaConnection;

/**
 * The journal on its Kafka topic, with group commit: one writer thread takes every batch queued while the
 * previous transaction was committing and commits them all in one transaction, in queue order; each caller's
 * future completes when its events are committed. The transactional id fences an older instance of the same
 * coordinator, so a zombie that lost its place cannot grant leases behind the new one's back.
 */
public final class KafkaJournal implements Journal, AutoCloseable {
    private static final int MAX_EVENTS_PER_TRANSACTION = 5_000;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final Integer partition;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;
    private volatile RuntimeException broken;

    public KafkaJournal(String bootstrapServers, String topic, String transactionalId) {
        this(bootstrapServers, topic, null, transactionalId);
    }

    /** A journal on one partition of {@code topic} (null: the producer's choice, for a one-partition topic). */
    public KafkaJournal(String bootstrapServers, String topic, Integer partition, String transactionalId) {
        this(KafkaConnection.plaintext(bootstrapServers), topic, partition, transactionalId);
    }

    /** A journal on one partition of {@code topic} (null: the producer's choice, for a one-partition topic). */
    public KafkaJournal(KafkaConnection kafka, String topic, Integer partition, String transactionalId) {
        this.topic = topic;
        this.partition = partition;
        this.producer = new KafkaProducer<>(TransactionalProducers.config(kafka, transactionalId),
                new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        this.writer = new Thread(this::writeLoop, "coordinator-journal");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public CompletableFuture<Void> appendLater(List<JournalEvent> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        if (broken != null) {
            return CompletableFuture.failedFuture(new JournalUnavailableException("the journal failed earlier; the coordinator must restart", broken));
        }
        if (!running) {
            return CompletableFuture.failedFuture(new JournalUnavailableException("the journal is closed"));
        }
        Pending pending = new Pending(List.copyOf(events), new CompletableFuture<>());
        queue.add(pending);
        return pending.done();
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int events = first.events().size();
                Pending next;
                while (events < MAX_EVENTS_PER_TRANSACTION && (next = queue.poll()) != null) {
                    batch.add(next);
                    events += next.events().size();
                }
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        if (broken != null) {
            batch.forEach(p -> p.done().completeExceptionally(new JournalUnavailableException("the journal failed earlier", broken)));
            return;
        }
        try {
            producer.beginTransaction();
            for (Pending pending : batch) {
                for (JournalEvent event : pending.events()) {
                    producer.send(new ProducerRecord<>(topic, partition, null, JournalCodec.encode(event)));
                }
            }
            producer.commitTransaction();
            batch.forEach(p -> p.done().complete(null));
        } catch (KafkaException e) {
            broken = new JournalUnavailableException("journal write failed: " + e.getMessage(), e);
            batch.forEach(p -> p.done().completeExceptionally(broken));
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            writer.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new JournalUnavailableException("the journal is closed"));
        }
    }

    private record Pending(List<JournalEvent> events, CompletableFuture<Void> done) {
    }
}
