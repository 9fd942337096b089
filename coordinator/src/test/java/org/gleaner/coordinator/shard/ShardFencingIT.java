package org.gleaner.coordinator.shard;

import org.gleaner.protocol.kafka.KafkaConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.coordinator.durable.CoordinatorTopics;
import org.gleaner.coordinator.durable.JournalUnavailableException;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partition taken over while its previous owner still runs (a zombie that missed the rebalance): opening the shard
 * fences the old owner, which can grant nothing more, and the new owner holds the old owner's live lease, so the
 * host stays with the node it was leased to.
 */
class ShardFencingIT {
    private static final Topics TOPICS = new Topics("fencetest");
    private static final CoordinatorConfig CONFIG = new CoordinatorConfig(Fixtures.ORIGIN, 2, Duration.ofMinutes(5),
            Duration.ofMillis(5), Duration.ofMinutes(5), 0);

    @TempDir
    Path dir;

    /** The page allowance the job's budget keeper would have granted the partition, as the partition journals it. */
    private static void grantBudget(String bootstrap, ShardTopics topics, int partition, String jobId, long total) throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(props,
                new org.apache.kafka.common.serialization.ByteArraySerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topics.journal(), partition, null,
                    org.gleaner.coordinator.journal.JournalCodec.encode(
                            new org.gleaner.coordinator.journal.JournalEvent.BudgetGranted(jobId, partition, total, false)))).get();
        }
    }

    @Test
    void aTakeOverFencesTheZombieAndKeepsItsLiveLease() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build()) {
            broker.start();
            broker.createTopic(TOPICS.pages(), 3, Map.of());
            broker.createTopic(TOPICS.links(), 3, Map.of());
            ShardTopics topics = new ShardTopics(new CoordinatorTopics(TOPICS));
            HostPartitioner partitioner = new HostPartitioner(topics.ensureExist(broker.bootstrapServers()));
            String host = "a.example";
            int p = partitioner.partitionOf(host);
            try (JobBoard board = new JobBoard(KafkaConnection.plaintext(broker.bootstrapServers()), topics.jobs(), job -> { })) {
                board.submit(new CrawlJob("job-f", List.of("http://a.example/1", "http://a.example/2", "http://a.example/3"),
                        Set.of(host), 100, 1, "train-ai"));
            }
            grantBudget(broker.bootstrapServers(), topics, p, "job-f", 100);
            Clock clock = Clock.systemUTC();
            Ed25519KeyPair key = Ed25519KeyPair.generate();
            Ed25519KeyPair node1 = Ed25519KeyPair.generate();
            Ed25519KeyPair node2 = Ed25519KeyPair.generate();

            try (FrontierShard old = FrontierShard.open(p, partitioner, topics, KafkaConnection.plaintext(broker.bootstrapServers()), CONFIG, key, clock,
                    new SimpleMeterRegistry())) {
                old.coordinator().caughtUp(clock.millis());
                LeaseDecision first = old.coordinator().grantVerified(Fixtures.leaseRequest(node1, 8, clock.millis()).record());
                assertThat(first).isInstanceOf(LeaseDecision.Granted.class);
                CrawlLease lease = ((LeaseDecision.Granted) first).lease().record();
                assertThat(lease.host()).isEqualTo(host);

                try (FrontierShard taken = FrontierShard.open(p, partitioner, topics, KafkaConnection.plaintext(broker.bootstrapServers()), CONFIG, key, clock,
                        new SimpleMeterRegistry())) {
                    assertThat(old.coordinator().grantVerified(Fixtures.leaseRequest(node2, 8, clock.millis()).record()))
                            .as("the zombie still believes the host is busy").isInstanceOf(LeaseDecision.NoWorkYet.class);
                    // Node 1 asks the zombie again: settling its lease and granting the next URLs needs the journal.
                    assertThatThrownBy(() -> old.coordinator().grantVerified(Fixtures.leaseRequest(node1, 8, clock.millis()).record()))
                            .as("the zombie's journal is fenced: it grants nothing").isInstanceOf(JournalUnavailableException.class);

                    taken.coordinator().caughtUp(clock.millis() + 1);
                    assertThat(taken.coordinator().grantVerified(Fixtures.leaseRequest(node2, 8, clock.millis()).record()))
                            .as("the host is still leased to node 1 under the new owner").isInstanceOf(LeaseDecision.NoWorkYet.class);
                    assertThat(taken.coordinator().stats().leasesIssued()).isEqualTo(1);
                    assertThat(taken.coordinator().progress("job-f").orElseThrow().queuedUrls())
                            .as("the third URL is still queued").isEqualTo(1);
                }
            }
        }
    }
}
