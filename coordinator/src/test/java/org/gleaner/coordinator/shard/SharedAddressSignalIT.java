package org.gleaner.coordinator.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.coordinator.shard.SharedFrontierFixture.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.coordinator.durable.CoordinatorTopics;
import org.gleaner.coordinator.durable.TopicReplay;
import org.gleaner.coordinator.fraud.AddressKeyWatch;
import org.gleaner.coordinator.fraud.SignalWindows;
import org.gleaner.coordinator.journal.JournalCodec;
import org.gleaner.coordinator.journal.JournalEvent;
import org.gleaner.coordinator.web.ApiToken;
import org.gleaner.coordinator.web.CoordinatorWebApp;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * In a shared frontier, a key refused for too many keys from one address is a durable fraud signal, as with one
 * coordinator: raised once per node and window however many instances refuse it and however often, kept by the
 * partition {@code murmur2(nodeId) mod P} (journaled there and written to the credits topic), seen through either
 * instance's REST API, and still known after that partition's owner stops and again after it restarts fresh. Every
 * lease request comes from 127.0.0.1; the instances' clock is set one minute into a window, so the test never
 * straddles two windows.
 */
class SharedAddressSignalIT {
    private static final Topics TOPICS = new Topics("signaltest");
    private static final CoordinatorConfig CONFIG = new CoordinatorConfig(Fixtures.ORIGIN, 2, Duration.ofSeconds(30),
            Duration.ofMillis(5), Duration.ofMinutes(5), 0);
    private static final String PEER_TOKEN = "peer-token-for-the-shared-signal-test-0123456789";
    private static final String API_TOKEN = "api-token-for-the-shared-signal-test-0123456789";
    private static final int PARTITIONS = 3;
    private static final Pattern G120_COUNT = Pattern.compile("\"G120\":\\{\"description\":\"[^\"]*\",\"count\":(\\d+)\\}");

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final Ed25519KeyPair coordinatorKey = Ed25519KeyPair.generate();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Clock clock = oneMinuteIntoAWindow();
    private final String frontierTopic = new ShardTopics(new CoordinatorTopics(TOPICS)).frontier();

    @AfterEach
    void stop() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void aRefusedKeyIsSignalledOnceAcrossInstancesAHandOverAndARestart() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build();
        broker.start();
        toClose.add(broker);
        broker.createTopic(TOPICS.pages(), PARTITIONS, Map.of("max.message.bytes", Integer.toString(2 * 1024 * 1024)));
        broker.createTopic(TOPICS.links(), PARTITIONS, Map.of());

        ShardedCoordinator a = instance(broker, "a");
        await(() -> a.ownedPartitions().size() == PARTITIONS, "A owns every partition");
        ShardedCoordinator b = instance(broker, "b");
        a.addPeer(b.leaseUrl());
        b.addPeer(a.leaseUrl());
        String apiA = api(a);
        String apiB = api(b);
        await(() -> a.ownedPartitions().equals(List.of(0, 1)) && b.ownedPartitions().equals(List.of(2)),
                "A keeps partitions 0 and 1, B takes 2");

        // The refused key's signals are kept by partition 2, which B owns: A's report travels to B.
        Ed25519KeyPair refused = keyKeptBy(2);
        String refusedId = refused.publicKey().fingerprint();
        List<Ed25519KeyPair> allowed = new ArrayList<>();
        for (int i = 0; i < org.gleaner.coordinator.Coordinator.MAX_KEYS_PER_ADDRESS; i++) {
            allowed.add(Ed25519KeyPair.generate());
        }

        admitAll(a, allowed);
        assertRefusedForManyKeys(a, refused);
        await(() -> g120(apiA, refused) == 1 && g120(apiB, refused) == 1, "both instances show the signal");

        // B refuses it too (its own count of keys from this address) and reports it; A refuses it again.
        admitAll(b, allowed);
        assertRefusedForManyKeys(b, refused);
        assertRefusedForManyKeys(a, refused);
        awaitReportsRead(broker, 2);
        assertThat(reportsFor(broker, refusedId)).as("two instances reported the key, once each").isEqualTo(2);
        assertThat(signalEvents(broker, refusedId)).as("one signal on the credits topic").isEqualTo(1);
        assertThat(g120(apiA, refused)).isEqualTo(1);

        // B stops: A takes partition 2 over and replays its journal.
        b.close();
        toClose.remove(b);
        await(() -> a.ownedPartitions().size() == PARTITIONS, "A takes over partition 2");
        assertThat(a.shards().stream().filter(s -> s.partition() == 2).findFirst().orElseThrow().coordinator().signals().snapshot()
                .get(refusedId)).as("the new owner of partition 2 knows the signal").containsEntry(ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS, 1L);
        assertThat(g120(apiA, refused)).isEqualTo(1);

        // B restarts with nothing in memory: it refuses and reports the key once more, in the same window.
        ShardedCoordinator b2 = instance(broker, "b");
        a.addPeer(b2.leaseUrl());
        b2.addPeer(a.leaseUrl());
        String apiB2 = api(b2);
        await(() -> !b2.ownedPartitions().isEmpty() && a.ownedPartitions().size() + b2.ownedPartitions().size() == PARTITIONS,
                "the restarted B owns partitions again");
        admitAll(b2, allowed);
        assertRefusedForManyKeys(b2, refused);
        // A key never signalled before is still signalled: the pipeline works after the hand-overs.
        Ed25519KeyPair another = keyKeptBy(2);
        assertRefusedForManyKeys(b2, another);
        await(() -> g120(apiB2, another) == 1, "a new key's signal is raised");
        awaitReportsRead(broker, 2);

        assertThat(reportsFor(broker, refusedId)).as("the restarted instance reported the key again").isEqualTo(3);
        assertThat(signalEvents(broker, refusedId)).as("still one signal on the credits topic").isEqualTo(1);
        assertThat(g120(apiA, refused)).isEqualTo(1);
        assertThat(g120(apiB2, refused)).isEqualTo(1);
        assertThat(a.failure()).isEmpty();
        assertThat(b2.failure()).isEmpty();
    }

    private static Clock oneMinuteIntoAWindow() {
        long now = System.currentTimeMillis();
        long target = SignalWindows.windowOf(now) + AddressKeyWatch.WINDOW_MILLIS + 60_000;
        return Clock.offset(Clock.systemUTC(), Duration.ofMillis(target - now));
    }

    private static Ed25519KeyPair keyKeptBy(int partition) {
        while (true) {
            Ed25519KeyPair key = Ed25519KeyPair.generate();
            if (SignalReports.keeperOf(key.publicKey().fingerprint(), new HostPartitioner(PARTITIONS)) == partition) {
                return key;
            }
        }
    }

    private void admitAll(ShardedCoordinator instance, List<Ed25519KeyPair> keys) throws Exception {
        for (Ed25519KeyPair key : keys) {
            HttpResponse<byte[]> r = SharedFrontierFixture.requestLease(http, instance.leaseUrl(), key, 2, clock.millis());
            assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isNotEqualTo(403);
        }
    }

    private void assertRefusedForManyKeys(ShardedCoordinator instance, Ed25519KeyPair key) throws Exception {
        HttpResponse<byte[]> r = SharedFrontierFixture.requestLease(http, instance.leaseUrl(), key, 2, clock.millis());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).startsWith(ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS.code());
    }

    /** The node's G120 count on {@code api}'s node view; 0 while it shows none. */
    private long g120(String api, Ed25519KeyPair node) {
        HttpResponse<byte[]> r = SharedFrontierFixture.getAsNode(http, api, "/v1/nodes/" + node.publicKey().fingerprint(), node);
        if (r.statusCode() == 404) {
            return 0;
        }
        assertThat(r.statusCode()).isEqualTo(200);
        Matcher m = G120_COUNT.matcher(new String(r.body(), StandardCharsets.UTF_8));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** Waits until the group's committed offset on the frontier topic's {@code partition} reaches its end. */
    private void awaitReportsRead(EmbeddedKafkaBroker broker, int partition) throws Exception {
        TopicPartition tp = new TopicPartition(frontierTopic, partition);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get().get(tp).offset();
            await(() -> {
                try {
                    OffsetAndMetadata committed = admin.listConsumerGroupOffsets(ShardedIngest.GROUP_ID)
                            .partitionsToOffsetAndMetadata().get().get(tp);
                    return committed != null && committed.offset() >= end;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, "every report on partition " + partition + " was read");
        }
    }

    private long reportsFor(EmbeddedKafkaBroker broker, String nodeId) throws Exception {
        long n = 0;
        for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(broker.bootstrapServers(), frontierTopic, JournalCodec.MAX_ENCODED)) {
            if (JournalCodec.decode(r.value()) instanceof JournalEvent.SignalRaised s && s.nodeId().equals(nodeId)) {
                n++;
            }
        }
        return n;
    }

    private static long signalEvents(EmbeddedKafkaBroker broker, String nodeId) throws Exception {
        long n = 0;
        for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(broker.bootstrapServers(), TOPICS.credits(), CreditEvent.MAX_ENCODED)) {
            CreditEvent e = CreditEvent.decode(r.value());
            if (e.nodeId().equals(nodeId) && e.reason().filter(ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS::equals).isPresent()) {
                n++;
            }
        }
        return n;
    }

    private ShardedCoordinator instance(EmbeddedKafkaBroker broker, String name) throws Exception {
        ShardedCoordinator c = ShardedCoordinator.start(name, CONFIG, coordinatorKey, clock, broker.bootstrapServers(), TOPICS,
                PEER_TOKEN, new InetSocketAddress("127.0.0.1", 0), new SimpleMeterRegistry());
        toClose.add(c);
        return c;
    }

    private String api(ShardedCoordinator c) {
        ConfigurableApplicationContext web = CoordinatorWebApp.start(c.view(), new ApiToken(API_TOKEN), new SimpleMeterRegistry(),
                "127.0.0.1", 0);
        toClose.add(web);
        return "http://127.0.0.1:" + web.getEnvironment().getProperty("local.server.port");
    }
}
