package org.gleaner.coordinator.shard;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gleaner.coordinator.durable.JournalUnavailableException;
import org.gleaner.coordinator.journal.JournalCodec;
import org.gleaner.coordinator.journal.JournalEvent;
import org.gleaner.protocol.kafka.KafkaConnection;

/**
 * Sends a fraud signal that an instance raised outside any partition (a lease request refused for too many keys from
 * one address) to the partition that keeps the node's signals, {@code murmur2(nodeId) mod P}, through the frontier
 * topic. Its owner decides whether it is the node's first in that window, and journals it and writes it to the credits
 * topic in one transaction (decision 0037). Returns once the broker has the report, so a refusal is answered only once
 * its signal is durable, as with one coordinator. The report names the node key and the window, never the address.
 */
final class SignalReports implements Consumer<JournalEvent.SignalRaised>, AutoCloseable {
    private final String frontierTopic;
    private final HostPartitioner partitioner;
    private final KafkaProducer<String, byte[]> producer;

    SignalReports(KafkaConnection kafka, String frontierTopic, HostPartitioner partitioner) {
        this.frontierTopic = frontierTopic;
        this.partitioner = partitioner;
        this.producer = new KafkaProducer<>(ShardKafkaClients.signalReportProducer(kafka), new StringSerializer(), new ByteArraySerializer());
    }

    /** The partition whose owner keeps {@code nodeId}'s signals. */
    static int keeperOf(String nodeId, HostPartitioner partitioner) {
        return partitioner.partitionOf(nodeId);
    }

    @Override
    public void accept(JournalEvent.SignalRaised signal) {
        try {
            producer.send(new ProducerRecord<>(frontierTopic, keeperOf(signal.nodeId(), partitioner), null, JournalCodec.encode(signal)))
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new JournalUnavailableException("could not record the fraud signal: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalUnavailableException("interrupted while recording the fraud signal", e);
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
