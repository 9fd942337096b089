package org.gleaner.coordinator.shard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.kafka.KafkaConnection;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeasedUrl;
import org.gleaner.protocol.nodeapi.NodeApiRequest;

/**
 * What the shared-frontier integration tests have in common: a node played by signed HTTP lease requests and pages
 * written to Kafka (keyed by the lease's host, as real nodes do), its signed reads of the REST API, and waiting for a
 * condition with a generous deadline (the tests check outcomes, not how fast they come).
 */
final class SharedFrontierFixture {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private SharedFrontierFixture() {
    }

    /** Waits until {@code condition} holds; fails naming {@code what} after 90 s. */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(200);
        }
    }

    /** A producer for the node's pages, acknowledged by every replica. */
    static KafkaProducer<String, byte[]> producer(KafkaConnection kafka) {
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** A node of the network: leases over HTTP, delivers each leased URL's page to the pages topic. */
    static final class PlayedNode {
        private final Ed25519KeyPair key;
        private final Topics topics;
        private final KafkaProducer<String, byte[]> pages;
        private final int maxUrls;
        private final HttpClient http = HttpClient.newHttpClient();

        PlayedNode(Ed25519KeyPair key, Topics topics, KafkaProducer<String, byte[]> pages, int maxUrls) {
            this.key = key;
            this.topics = topics;
            this.pages = pages;
            this.maxUrls = maxUrls;
        }

        Ed25519KeyPair key() {
            return key;
        }

        /** Leases from {@code leaseUrl} and delivers their pages until {@code leases} leases or every job is done. */
        int crawl(String leaseUrl, int leases) throws Exception {
            int delivered = 0;
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            for (int granted = 0; granted < leases; ) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the crawl did not finish");
                }
                HttpResponse<byte[]> response = requestLease(http, leaseUrl, key, maxUrls, System.currentTimeMillis());
                if (response.statusCode() == 410) {
                    return delivered;
                }
                if (response.statusCode() != 200) {
                    assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(204);
                    Thread.sleep(100);
                    continue;
                }
                granted++;
                CrawlLease lease = Signed.decode(response.body(), CrawlLease.MAX_ENCODED, "lease", CrawlLease::read).record();
                for (LeasedUrl url : lease.urls()) {
                    byte[] body = ("<html><body>" + url.url() + " fetched</body></html>").getBytes(StandardCharsets.UTF_8);
                    pages.send(new ProducerRecord<>(topics.pages(), lease.host(),
                            Fixtures.page(key, lease.leaseId(), url.url(), System.currentTimeMillis(), body).encode().toArray())).get();
                    delivered++;
                }
            }
            return delivered;
        }
    }

    /** One signed lease request of {@code key}, made at {@code atMillis} by the instance's clock. */
    static HttpResponse<byte[]> requestLease(HttpClient http, String leaseUrl, Ed25519KeyPair key, int maxUrls, long atMillis)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(leaseUrl + "/v1/leases"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Fixtures.leaseRequest(key, maxUrls, atMillis).encode().toArray()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A GET of the REST API signed by {@code node}, as its operator page makes them. */
    static HttpResponse<byte[]> getAsNode(HttpClient http, String base, String path, Ed25519KeyPair node) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization",
                    NodeApiRequest.authorization(node, Fixtures.ORIGIN, path, System.currentTimeMillis())).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
