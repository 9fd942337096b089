package org.gleaner.coordinator.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rebalance rebuilds only the shards that move: an instance joining or leaving leaves the others' shards alone. */
class CooperativeRebalanceIT {
    private static final Topics TOPICS = new Topics("cooptest");
    private static final CoordinatorConfig CONFIG = new CoordinatorConfig(Fixtures.ORIGIN, 2, Duration.ofSeconds(30),
            Duration.ofMillis(5), Duration.ofMinutes(5), 0);
    private static final String PEER_TOKEN = "peer-token-for-the-cooperative-test-0123456789";

    @TempDir
    Path dir;

    @Test
    void aJoiningAndALeavingInstanceMoveOnlyTheirPartitions() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build()) {
            broker.start();
            broker.createTopic(TOPICS.pages(), 3, Map.of());
            broker.createTopic(TOPICS.links(), 3, Map.of());
            Ed25519KeyPair key = Ed25519KeyPair.generate();
            try (ShardedCoordinator a = start(broker, key, "a")) {
                await(() -> a.ownedPartitions().equals(List.of(0, 1, 2)), "A alone owns every partition");
                Map<Integer, FrontierShard> before = byPartition(a.shards());
                try (ShardedCoordinator b = start(broker, key, "b")) {
                    await(() -> a.ownedPartitions().equals(List.of(0, 1)) && b.ownedPartitions().equals(List.of(2)),
                            "B takes partition 2 only");
                    Map<Integer, FrontierShard> during = byPartition(a.shards());
                    assertThat(during.get(0)).as("partition 0 was not rebuilt").isSameAs(before.get(0));
                    assertThat(during.get(1)).as("partition 1 was not rebuilt").isSameAs(before.get(1));
                }
                await(() -> a.ownedPartitions().equals(List.of(0, 1, 2)), "A takes partition 2 back when B stops");
                Map<Integer, FrontierShard> after = byPartition(a.shards());
                assertThat(after.get(0)).isSameAs(before.get(0));
                assertThat(after.get(1)).isSameAs(before.get(1));
                assertThat(after.get(2)).as("partition 2 was handed over twice").isNotSameAs(before.get(2));
                assertThat(a.failure()).isEmpty();
            }
        }
    }

    private static Map<Integer, FrontierShard> byPartition(List<FrontierShard> shards) {
        Map<Integer, FrontierShard> out = new HashMap<>();
        shards.forEach(s -> out.put(s.partition(), s));
        return out;
    }

    private static ShardedCoordinator start(EmbeddedKafkaBroker broker, Ed25519KeyPair key, String name) throws Exception {
        return ShardedCoordinator.start(name, CONFIG, key, Clock.systemUTC(), broker.bootstrapServers(), TOPICS, PEER_TOKEN,
                new InetSocketAddress("127.0.0.1", 0), new SimpleMeterRegistry());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
