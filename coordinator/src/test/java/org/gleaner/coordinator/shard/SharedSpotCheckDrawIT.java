package org.gleaner.coordinator.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.coordinator.api.LeaseHttpApi;
import org.gleaner.coordinator.durable.CoordinatorTopics;
import org.gleaner.coordinator.durable.TopicReplay;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.journal.JournalCodec;
import org.gleaner.coordinator.journal.JournalEvent;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeasedUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In the shared mode, the draw of checkers (decision 0036) knows each node's network: the nodes' requests reach the
 * instance as a peer forwards them, the node's address in {@code Gleaner-Forwarded-For} with the peer token, so each
 * node can ask from its own address although the test runs on 127.0.0.1. Two nodes in one /24 never check each other's
 * pages; nodes elsewhere check them. Every page is checked (share 1.0), so a draw blind to networks would pair them.
 */
class SharedSpotCheckDrawIT {
    private static final Topics TOPICS = new Topics("drawtest");
    private static final CoordinatorConfig CONFIG = new CoordinatorConfig(Fixtures.ORIGIN, 2, Duration.ofSeconds(30),
            Duration.ofMillis(5), Duration.ofMinutes(5), 1.0, Duration.ofSeconds(30));
    private static final String PEER_TOKEN = "peer-token-for-the-shared-draw-test-0123456789";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private record Member(Ed25519KeyPair key, String address) {
        static Member at(String address) {
            return new Member(Ed25519KeyPair.generate(), address);
        }

        String id() {
            return key.publicKey().fingerprint();
        }
    }

    @Test
    void twoNodesInOneSlash24NeverCheckEachOther() throws Exception {
        Member x = Member.at("198.51.100.7");
        Member y = Member.at("198.51.100.8");
        Member a = Member.at("203.0.113.10");
        Member b = Member.at("192.0.2.1");
        List<Member> members = List.of(x, y, a, b);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build().start()) {
            broker.createTopic(TOPICS.pages(), 2, Map.of("max.message.bytes", Integer.toString(2 * 1024 * 1024)));
            broker.createTopic(TOPICS.links(), 2, Map.of());
            try (KafkaProducer<String, byte[]> pages = producer(broker);
                    ShardedCoordinator instance = ShardedCoordinator.start("solo", CONFIG, Ed25519KeyPair.generate(), Clock.systemUTC(),
                            broker.bootstrapServers(), TOPICS, PEER_TOKEN, new InetSocketAddress("127.0.0.1", 0), new SimpleMeterRegistry())) {
                awaitPartitions(instance, 2);
                List<String> seeds = IntStream.range(0, 4).boxed()
                        .flatMap(h -> IntStream.range(0, 4).mapToObj(i -> "http://h" + h + ".example/p" + i)).toList();
                instance.view().submit(new CrawlJob("job-draw", seeds,
                        seeds.stream().map(s -> URI.create(s).getHost()).collect(Collectors.toSet()), 1_000, 0, "train-ai"));
                crawlUntilDone(instance.leaseUrl(), members, pages);
            }

            Map<String, String> nodeOfLease = new HashMap<>();
            List<JournalEvent.SpotCheckAssigned> assignments = new ArrayList<>();
            String journal = new ShardTopics(new CoordinatorTopics(TOPICS)).journal();
            for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(broker.bootstrapServers(), journal, JournalCodec.MAX_ENCODED)) {
                JournalEvent event = JournalCodec.decode(r.value());
                if (event instanceof JournalEvent.LeaseGranted granted) {
                    nodeOfLease.put(granted.lease().record().leaseId(), granted.lease().record().nodeKey().hex());
                } else if (event instanceof JournalEvent.SpotCheckAssigned assigned) {
                    assignments.add(assigned);
                }
            }
            Map<String, Set<String>> judgesOf = new HashMap<>();
            for (JournalEvent.SpotCheckAssigned assigned : assignments) {
                String original = nodeOfLease.get(assigned.originalLeaseId());
                assertThat(original).as("the checked lease was journaled").isNotNull();
                judgesOf.computeIfAbsent(original, k -> new HashSet<>()).addAll(assigned.assignees());
            }
            assertThat(judgesOf.get(x.id())).as("x's pages were checked, by nodes of other networks only")
                    .isNotEmpty().doesNotContain(y.id()).isSubsetOf(a.id(), b.id());
            assertThat(judgesOf.get(y.id())).as("y's pages were checked, by nodes of other networks only")
                    .isNotEmpty().doesNotContain(x.id()).isSubsetOf(a.id(), b.id());
            assertThat(judgesOf.getOrDefault(a.id(), Set.of())).doesNotContain(a.id());
        }
    }

    /** Each member in turn asks (through the forwarding path, from its own address) and delivers what it is leased. */
    private void crawlUntilDone(String leaseUrl, List<Member> members, KafkaProducer<String, byte[]> pages) throws Exception {
        Set<Member> done = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (done.size() < members.size()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the crawl and its checks did not finish");
            }
            boolean anyGranted = false;
            for (Member m : members) {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(leaseUrl + "/v1/leases"))
                        .header(LeaseHttpApi.PEER_TOKEN, PEER_TOKEN)
                        .header(LeaseHttpApi.FORWARDED_FOR, m.address())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                Fixtures.leaseRequest(m.key(), 2, System.currentTimeMillis()).encode().toArray()))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 410) {
                    done.add(m);
                    continue;
                }
                if (response.statusCode() != 200) {
                    assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(204);
                    continue;
                }
                anyGranted = true;
                CrawlLease lease = Signed.decode(response.body(), CrawlLease.MAX_ENCODED, "lease", CrawlLease::read).record();
                for (LeasedUrl url : lease.urls()) {
                    byte[] body = ("<html><body><p>The page at " + url.url() + " about apples, pears, orchards and the harvest "
                            + "of this autumn</p></body></html>").getBytes(StandardCharsets.UTF_8);
                    pages.send(new ProducerRecord<>(TOPICS.pages(), lease.host(),
                            Fixtures.page(m.key(), lease.leaseId(), url.url(), System.currentTimeMillis(), body).encode().toArray())).get();
                }
            }
            if (!anyGranted) {
                Thread.sleep(100);
            }
        }
    }

    private static void awaitPartitions(ShardedCoordinator instance, int partitions) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (instance.ownedPartitions().size() < partitions) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the instance never owned every partition");
            }
            Thread.sleep(100);
        }
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafkaBroker broker) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
}
