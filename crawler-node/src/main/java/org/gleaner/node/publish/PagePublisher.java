package org.gleaner.node.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.kafka.KafkaConnection;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.page.LinkBatch;

/**
 * Sends pages and outlinks, both keyed by the lease's host (so they reach the coordinator instance that owns the host), with an idempotent, acks=all, zstd producer.
 * {@link #flush()} returns only once everything sent is acknowledged, which is what lets the node tell the
 * coordinator a lease is complete.
 */
public final class PagePublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final boolean discardPages;

    public PagePublisher(String bootstrapServers, Topics topics, int maxRequestBytes) {
        this(KafkaConnection.plaintext(bootstrapServers), topics, maxRequestBytes, false);
    }

    /** With {@code discardPages}, pages are dropped as if acknowledged (the benchmark's no-op sink); links are sent. */
    public PagePublisher(KafkaConnection kafka, Topics topics, int maxRequestBytes, boolean discardPages) {
        this.topics = topics;
        this.discardPages = discardPages;
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(maxRequestBytes));
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    public Future<RecordMetadata> sendPage(String host, FetchedPage page) {
        if (discardPages) {
            return java.util.concurrent.CompletableFuture.completedFuture(
                    new RecordMetadata(new org.apache.kafka.common.TopicPartition(topics.pages(), 0), -1, -1, -1, -1, -1));
        }
        return producer.send(new ProducerRecord<>(topics.pages(), host, page.encode().toArray()));
    }

    /** Outlinks are signed by the node: the coordinator queues none from a batch whose signature does not verify. */
    public Future<RecordMetadata> sendLinks(String host, Signed<LinkBatch> links) {
        return producer.send(new ProducerRecord<>(topics.links(), host, links.encode().toArray()));
    }

    /**
     * Waits for every send so far. A record the broker refuses as too large is returned (with what it was
     * sent for) so the node can record the reason; any other failure throws, so the lease is not reported
     * complete.
     */
    public <T> List<T> flush(List<Sent<T>> pending) throws PublishException {
        producer.flush();
        List<T> tooLarge = new ArrayList<>();
        for (Sent<T> sent : pending) {
            try {
                sent.future().get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RecordTooLargeException) {
                    tooLarge.add(sent.what());
                    continue;
                }
                throw new PublishException("a record was not acknowledged: " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishException("interrupted while waiting for acknowledgements", e);
            }
        }
        return tooLarge;
    }

    /** One send and what it was for. */
    public record Sent<T>(T what, Future<RecordMetadata> future) {
    }

    @Override
    public void close() {
        producer.close();
    }

    public static final class PublishException extends Exception {
        private static final long serialVersionUID = 1L;

        PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
