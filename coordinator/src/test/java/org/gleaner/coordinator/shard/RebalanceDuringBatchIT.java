package org.gleaner.coordinator.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.coordinator.shard.SharedFrontierFixture.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.durable.TopicReplay;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.kafka.KafkaConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch whose offsets the group refuses because it moved to a new generation while the batch was in its
 * transaction (what happens when another instance joins or leaves mid-batch): the instance keeps running, rebuilds
 * the shard from its journal, reads the batch again, and every page is credited exactly once. The refusal is made
 * certain by sending the first batches' offsets with a stale generation, which the broker rejects as it does in a
 * real rebalance ({@code ILLEGAL_GENERATION}).
 */
class RebalanceDuringBatchIT {
    private static final Topics TOPICS = new Topics("staletest");
    private static final CoordinatorConfig CONFIG = new CoordinatorConfig(Fixtures.ORIGIN, 2, Duration.ofSeconds(30),
            Duration.ofMillis(5), Duration.ofMinutes(5), 0);
    private static final String PEER_TOKEN = "peer-token-for-the-stale-generation-test-0123456789";
    private static final int HOSTS = 9;

    @TempDir
    Path dir;

    @Test
    void aBatchRefusedDuringARebalanceIsReadAgainAndCreditedOnce() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build()) {
            broker.start();
            broker.createTopic(TOPICS.pages(), 3, Map.of("max.message.bytes", Integer.toString(2 * 1024 * 1024)));
            broker.createTopic(TOPICS.links(), 3, Map.of());
            KafkaConnection kafka = KafkaConnection.plaintext(broker.bootstrapServers());
            Ed25519KeyPair coordinatorKey = Ed25519KeyPair.generate();
            try (KafkaProducer<String, byte[]> pages = SharedFrontierFixture.producer(kafka);
                    ShardedCoordinator a = ShardedCoordinator.start("a", CONFIG, coordinatorKey, Clock.systemUTC(),
                            broker.bootstrapServers(), TOPICS, PEER_TOKEN, new InetSocketAddress("127.0.0.1", 0),
                            new SimpleMeterRegistry())) {
                await(() -> a.ownedPartitions().size() == 3, "A owns every partition");
                a.ingest().staleGroupMetadataForNext(2);

                List<String> seeds = new ArrayList<>();
                Set<String> hosts = new HashSet<>();
                for (int i = 0; i < HOSTS; i++) {
                    hosts.add("h" + i + ".example");
                    seeds.add("http://h" + i + ".example/");
                }
                a.submit(new CrawlJob("stale-batch", seeds, hosts, 100, 0, "train-ai"));
                SharedFrontierFixture.PlayedNode node = new SharedFrontierFixture.PlayedNode(Ed25519KeyPair.generate(), TOPICS, pages, 2);
                int delivered = node.crawl(a.leaseUrl(), Integer.MAX_VALUE);

                assertThat(delivered).isEqualTo(HOSTS);
                await(() -> credited(broker).size() == HOSTS, "every delivered page is credited");
                Thread.sleep(1_000);
                List<String> credited = credited(broker);
                assertThat(credited).as("each page credited exactly once").hasSize(HOSTS).doesNotHaveDuplicates();
                assertThat(a.ingest().rebuiltAfterRebalance()).as("the refused batches rebuilt their shards").isEqualTo(2);
                assertThat(a.failure()).as("the ingest kept running").isEmpty();
            }
        }
    }

    private static List<String> credited(EmbeddedKafkaBroker broker) {
        try {
            List<String> urls = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(broker.bootstrapServers(), TOPICS.credits(), CreditEvent.MAX_ENCODED)) {
                CreditEvent event = CreditEvent.decode(r.value());
                if (event.credited()) {
                    urls.add(event.url());
                }
            }
            return urls;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
