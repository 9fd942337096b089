package org.gleaner.bench.coordinator;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.reward.EpochCloser;
import org.gleaner.coordinator.shard.ShardedCoordinator;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.crypto.Ed25519KeyPair;

/**
 * How long a shared frontier's reward epoch takes to close as the credits topic grows (decision 0035): one instance
 * on an in-JVM broker, {@code credits} credit events for {@code nodes} nodes written as the partitions' ingest would
 * (transactions of 500), then {@code ShardedCoordinator.closeEpochNow()}: record the cut, read the whole credits
 * topic up to it, fold it, build the tree, sign every statement and publish, in two transactions. Closed twice (the
 * second with a warm JIT). Usage: {@code SharedEpochBench [nodes] [credits]}.
 */
public final class SharedEpochBench {
    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int credits = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        Topics topics = new Topics("epochbench");
        Path dir = Files.createTempDirectory("shared-epoch-bench");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build()) {
            broker.start();
            broker.createTopic(topics.pages(), 3, Map.of());
            broker.createTopic(topics.links(), 3, Map.of());
            Ed25519KeyPair key = Ed25519KeyPair.generate();
            try (ShardedCoordinator instance = ShardedCoordinator.start("bench", CoordinatorConfig.defaults("gleaner.bench"), key,
                    Clock.systemUTC(), broker.bootstrapServers(), topics, "bench-peer-token-0123456789abcdef0123456789",
                    new InetSocketAddress("127.0.0.1", 0), new SimpleMeterRegistry(), Duration.ofDays(1))) {
                while (!instance.ownedPartitions().contains(0)) {
                    Thread.sleep(100);
                }
                String[] ids = new String[nodes];
                for (int i = 0; i < nodes; i++) {
                    ids[i] = Ed25519KeyPair.generate().publicKey().fingerprint();
                }
                long written = System.nanoTime();
                write(broker.bootstrapServers(), topics.credits(), ids, credits);
                System.out.printf("shared epoch bench: %d nodes, %d credit events written in %.1f s, %d cores%n", nodes, credits,
                        (System.nanoTime() - written) / 1e9, Runtime.getRuntime().availableProcessors());
                for (int round = 1; round <= 2; round++) {
                    long start = System.nanoTime();
                    EpochCloser.ClosedEpoch epoch = instance.closeEpochNow().orElseThrow();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long pages = epoch.statements().values().stream().mapToLong(b -> b.statement().record().creditedPages()).sum();
                    if (pages != credits) {
                        throw new IllegalStateException("the epoch counts " + pages + " pages, " + credits + " were credited");
                    }
                    System.out.printf("epoch %d: %d leaves, closed in %.2f s (%.0f credit events read per second, %.0f statements signed "
                            + "per second of the whole close)%n", epoch.root().epoch(), epoch.root().treeSize(), seconds, credits / seconds,
                            epoch.statements().size() / seconds);
                }
            }
        }
    }

    private static void write(String bootstrap, String topic, String[] ids, int credits) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-shard-ingest");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            for (int i = 0; i < credits; i += 500) {
                producer.beginTransaction();
                for (int j = i; j < Math.min(credits, i + 500); j++) {
                    String node = ids[j % ids.length];
                    CreditEvent event = CreditEvent.credited(node, "lease-" + j / 8, "http://host" + j % 997 + ".example/page/" + j, 20_000);
                    producer.send(new ProducerRecord<>(topic, node, event.encode()));
                }
                producer.commitTransaction();
            }
        }
    }
}
