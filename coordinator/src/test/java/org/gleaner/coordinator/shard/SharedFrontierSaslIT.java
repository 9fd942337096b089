package org.gleaner.coordinator.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.coordinator.shard.SharedFrontierFixture.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.kafka.KafkaClientSettings;
import org.gleaner.protocol.kafka.KafkaConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared frontier on a broker whose client listener accepts only SASL (PLAIN, as the in-JVM broker can run it;
 * the container cluster's SCRAM is SecuredCrawlIT's): with the connection's settings the instance prepares its topics,
 * owns the partitions, takes a job through the jobs topic, grants a lease, credits the node's pages exactly once in a
 * transaction, serves the node's figures from the credits topic and closes a reward epoch. A client without the
 * settings would not get past the listener: every client the instance opens has to carry them.
 */
class SharedFrontierSaslIT {
    private static final Topics TOPICS = new Topics("sasltest");
    private static final CoordinatorConfig CONFIG = new CoordinatorConfig(Fixtures.ORIGIN, 4, Duration.ofSeconds(30),
            Duration.ofMillis(5), Duration.ofMinutes(5), 0);
    private static final String PEER_TOKEN = "peer-token-for-the-shared-sasl-test-0123456789";

    @TempDir
    Path dir;

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\"" + password + "\";";
    }

    @Test
    void everyClientOfAnInstanceSignsIn() throws Exception {
        String brokerJaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"broker\" password=\"broker-pw\" "
                + "user_broker=\"broker-pw\" user_coordinator=\"coordinator-pw\" user_node=\"node-pw\";";
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka"))
                .brokerProperty("listener.security.protocol.map", EmbeddedKafkaBroker.BROKER_LISTENER + ":SASL_PLAINTEXT,"
                        + EmbeddedKafkaBroker.CONTROLLER_LISTENER + ":PLAINTEXT")
                .brokerProperty("sasl.enabled.mechanisms", "PLAIN")
                .brokerProperty("sasl.mechanism.inter.broker.protocol", "PLAIN")
                .brokerProperty("listener.name.plaintext.plain.sasl.jaas.config", brokerJaas)
                .build().start()) {
            KafkaConnection coordinator = connection(broker, "coordinator", "coordinator-pw");
            KafkaConnection node = connection(broker, "node", "node-pw");
            try (Admin admin = Admin.create(node.clientProperties())) {
                admin.createTopics(List.of(new NewTopic(TOPICS.pages(), 2, (short) 1)
                        .configs(Map.of("max.message.bytes", Integer.toString(2 * 1024 * 1024))), new NewTopic(TOPICS.links(), 2, (short) 1)))
                        .all().get();
            }
            Ed25519KeyPair nodeKey = Ed25519KeyPair.generate();
            try (KafkaProducer<String, byte[]> pages = SharedFrontierFixture.producer(node);
                    ShardedCoordinator instance = ShardedCoordinator.start("secured", CONFIG, Ed25519KeyPair.generate(), Clock.systemUTC(),
                            coordinator, TOPICS, PEER_TOKEN, new InetSocketAddress("127.0.0.1", 0), new SimpleMeterRegistry(),
                            Duration.ofHours(1))) {
                await(() -> instance.ownedPartitions().size() == 2, "the instance owns both partitions");
                List<String> seeds = List.of("http://a.example/1", "http://a.example/2", "http://b.example/1", "http://b.example/2");
                instance.view().submit(new CrawlJob("job-sasl", seeds, Set.of("a.example", "b.example"), 100, 0, "train-ai"));

                int delivered = new SharedFrontierFixture.PlayedNode(nodeKey, TOPICS, pages, 4).crawl(instance.leaseUrl(), Integer.MAX_VALUE);

                assertThat(delivered).isEqualTo(4);
                await(() -> instance.creditedPages() == 4, "every page is credited");
                String nodeId = nodeKey.publicKey().fingerprint();
                await(() -> instance.view().credits(nodeId).map(c -> c.pages() == 4).orElse(false),
                        "the network's figures, read from the credits topic, count the node's pages");
                assertThat(instance.closeEpochNow()).as("the epoch closer publishes a root").isPresent();
                assertThat(instance.lastEpoch()).isEqualTo(1);
                assertThat(instance.failure()).isEmpty();
            }
        }
    }

    private static KafkaConnection connection(EmbeddedKafkaBroker broker, String user, String password) {
        return new KafkaConnection(broker.bootstrapServers(), KafkaClientSettings.of("test",
                Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config", jaas(user, password))));
    }
}
