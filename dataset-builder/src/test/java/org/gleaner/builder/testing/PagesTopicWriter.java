package org.gleaner.builder.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Signed HTML pages sent to a real broker's pages topic, for the builder's integration tests: one record per page,
 * keyed by its URL; each is acknowledged by the broker (all replicas) before {@link #send} returns.
 */
public final class PagesTopicWriter implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final TestPages pages;

    public PagesTopicWriter(String bootstrapServers, String topic, TestPages pages) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.pages = pages;
    }

    /** Sends the page at {@code url}, titled {@code title}, whose text is {@code paragraph}, signed by the test node. */
    public void send(String url, String title, String paragraph) throws ExecutionException, InterruptedException {
        producer.send(new ProducerRecord<>(topic, url.getBytes(StandardCharsets.UTF_8),
                pages.htmlPage(url, title, paragraph).encode().toArray())).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
