package org.gleaner.coordinator.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.coordinator.shard.SharedFrontierFixture.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.gleaner.coordinator.cli.RewardsCommand;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.durable.TopicReplay;
import org.gleaner.coordinator.web.ApiToken;
import org.gleaner.coordinator.web.CoordinatorWebApp;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.kafka.KafkaConnection;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.gleaner.protocol.ledger.RewardRoot;
import org.gleaner.protocol.reward.StatementBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * Two instances of a shared frontier on a real broker, each with its REST API: a job submitted to one is seen by the
 * other, progress and node figures are the network's from either instance, the owner of partition 0 closes a reward
 * epoch, is stopped mid-crawl, and the other instance takes its partitions and the closer role over. The next epoch
 * counts every credit once, and its statement, fetched from the survivor's REST API, passes {@code rewards verify}.
 * A node is played by signed HTTP lease requests and pages written to Kafka, keyed by the lease's host.
 */
class SharedRestApiIT {
    private static final Topics TOPICS = new Topics("resttest");
    private static final CoordinatorConfig CONFIG = new CoordinatorConfig(Fixtures.ORIGIN, 2, Duration.ofSeconds(30),
            Duration.ofMillis(5), Duration.ofMinutes(5), 0);
    private static final String PEER_TOKEN = "peer-token-for-the-shared-rest-test-0123456789";
    private static final String API_TOKEN = "api-token-for-the-shared-rest-test-0123456789";
    private static final int HOSTS = 9;

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final Ed25519KeyPair coordinatorKey = Ed25519KeyPair.generate();
    private final Ed25519KeyPair node = Ed25519KeyPair.generate();
    private final HttpClient http = HttpClient.newHttpClient();
    private SharedFrontierFixture.PlayedNode played;

    @AfterEach
    void stop() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void eitherInstanceAnswersForTheNetworkAndEpochsSurviveTheClosersStop() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build();
        broker.start();
        toClose.add(broker);
        broker.createTopic(TOPICS.pages(), 3, Map.of("max.message.bytes", Integer.toString(2 * 1024 * 1024)));
        broker.createTopic(TOPICS.links(), 3, Map.of());
        KafkaProducer<String, byte[]> nodeProducer = SharedFrontierFixture.producer(KafkaConnection.plaintext(broker.bootstrapServers()));
        toClose.add(nodeProducer);
        played = new SharedFrontierFixture.PlayedNode(node, TOPICS, nodeProducer, 2);

        // A first, alone: it owns every partition; B joining takes only its share (assignments are sticky).
        ShardedCoordinator a = instance(broker, "a");
        await(() -> a.ownedPartitions().size() == 3, "A owns every partition");
        ShardedCoordinator b = instance(broker, "b");
        a.addPeer(b.leaseUrl());
        b.addPeer(a.leaseUrl());
        String apiA = api(a);
        String apiB = api(b);
        await(() -> a.ownedPartitions().equals(List.of(0, 1)) && b.ownedPartitions().equals(List.of(2)),
                "A keeps partitions 0 and 1, B takes 2");

        List<String> seeds = new ArrayList<>();
        Set<String> hosts = new HashSet<>();
        Set<Integer> partitions = new HashSet<>();
        for (int i = 0; i < HOSTS; i++) {
            hosts.add("h" + i + ".example");
            seeds.add("http://h" + i + ".example/");
            partitions.add(new HostPartitioner(3).partitionOf("h" + i + ".example"));
        }
        assertThat(partitions).as("the hosts spread over every partition").hasSize(3);
        String job = "{\"jobId\":\"lab-shared\",\"seeds\":[" + String.join(",", seeds.stream().map(s -> "\"" + s + "\"").toList())
                + "],\"hosts\":[" + String.join(",", hosts.stream().map(h -> "\"" + h + "\"").toList())
                + "],\"maxPages\":100,\"maxDepth\":0,\"purpose\":\"train-ai\"}";

        assertThat(post(apiB + "/v1/jobs", job, null).statusCode()).as("no token").isEqualTo(401);
        assertThat(post(apiB + "/v1/jobs", job, API_TOKEN).statusCode()).isEqualTo(201);
        await(() -> get(apiA + "/v1/jobs/lab-shared").contains("\"discoveredUrls\":" + HOSTS),
                "the job submitted to B is seen by A, with the seeds of every partition");
        assertThat(post(apiA + "/v1/jobs", job, API_TOKEN).statusCode()).as("the job id was used, through the other instance")
                .isEqualTo(409);
        assertThat(get(apiA + "/v1/jobs")).contains("lab-shared").contains("\"finished\":false");

        // The node talks to A; A grants from its partitions and forwards to B for B's.
        int delivered = played.crawl(a.leaseUrl(), 4);
        await(() -> get(apiA + "/v1/jobs/lab-shared").contains("\"creditedPages\":" + delivered)
                && get(apiB + "/v1/jobs/lab-shared").contains("\"creditedPages\":" + delivered), "both see " + delivered + " credited");
        String nodeId = node.publicKey().fingerprint();
        await(() -> getAsNode(apiA, "/v1/nodes/" + nodeId).contains("\"creditedPages\":" + delivered)
                && getAsNode(apiB, "/v1/nodes/" + nodeId).contains("\"creditedPages\":" + delivered), "the node's stats on both");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(apiB + "/v1/nodes/" + nodeId)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("unsigned").isEqualTo(401);

        assertThat(b.closeEpochNow()).as("only the owner of partition 0 closes epochs").isEmpty();
        assertThat(a.closeEpochNow()).hasValueSatisfying(e -> assertThat(e.root().epoch()).isEqualTo(1));
        await(() -> statementFrom(apiB, nodeId) != null && statementFrom(apiB, nodeId).statement().record().epoch() == 1,
                "B serves epoch 1's statement, closed by A");

        a.close();
        toClose.remove(a);
        await(() -> b.ownedPartitions().size() == 3, "B takes over A's partitions");
        int rest = played.crawl(b.leaseUrl(), Integer.MAX_VALUE);
        assertThat(delivered + rest).isEqualTo(HOSTS);
        await(() -> get(apiB + "/v1/jobs/lab-shared").contains("\"finished\":true"), "the job is finished over every partition");
        assertThat(get(apiB + "/v1/jobs/lab-shared")).contains("\"creditedPages\":" + HOSTS);

        assertThat(b.closeEpochNow()).hasValueSatisfying(e -> assertThat(e.root().epoch()).isEqualTo(2));
        await(() -> statementFrom(apiB, nodeId) != null && statementFrom(apiB, nodeId).statement().record().epoch() == 2,
                "B serves epoch 2's statement");
        StatementBundle statement = statementFrom(apiB, nodeId);
        long bytes = credits(broker).stream().filter(CreditEvent::credited).mapToLong(CreditEvent::bytes).sum();
        assertThat(credits(broker).stream().filter(CreditEvent::credited).count()).as("each page credited once").isEqualTo(HOSTS);
        assertThat(statement.statement().record().creditedPages()).isEqualTo(HOSTS);
        assertThat(statement.statement().record().cumulativeAmount()).isEqualTo(HOSTS * 1_000_000L + bytes);
        assertThat(verify(statement)).isZero();
        assertThat(rootEpochs(broker)).as("one root per epoch").containsExactly(1L, 2L);
        assertThat(b.failure()).isEmpty();
    }

    @Test
    void aJobsPageBudgetHoldsAcrossPartitionsAndAHandOver() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build();
        broker.start();
        toClose.add(broker);
        broker.createTopic(TOPICS.pages(), 3, Map.of("max.message.bytes", Integer.toString(2 * 1024 * 1024)));
        broker.createTopic(TOPICS.links(), 3, Map.of());
        KafkaProducer<String, byte[]> nodeProducer = SharedFrontierFixture.producer(KafkaConnection.plaintext(broker.bootstrapServers()));
        toClose.add(nodeProducer);
        played = new SharedFrontierFixture.PlayedNode(node, TOPICS, nodeProducer, 2);
        ShardedCoordinator a = instance(broker, "a");
        await(() -> a.ownedPartitions().size() == 3, "A owns every partition");
        ShardedCoordinator b = instance(broker, "b");
        a.addPeer(b.leaseUrl());
        b.addPeer(a.leaseUrl());
        String apiB = api(b);
        await(() -> a.ownedPartitions().size() == 2 && b.ownedPartitions().size() == 1, "both instances own partitions");

        int maxPages = 5;
        List<String> seeds = new ArrayList<>();
        Set<String> hosts = new HashSet<>();
        for (int i = 0; i < HOSTS; i++) {
            hosts.add("h" + i + ".example");
            seeds.add("http://h" + i + ".example/");
        }
        // Nine seeds in three partitions, five pages: every partition's own hosts could take the whole budget.
        b.view().submit(new org.gleaner.coordinator.frontier.CrawlJob("lab-budget", seeds, hosts, maxPages, 0, "train-ai"));
        int before = played.crawl(a.leaseUrl(), 1);
        a.close();
        toClose.remove(a);
        await(() -> b.ownedPartitions().size() == 3, "B takes over A's partitions, budget keeper or not");
        int after = played.crawl(b.leaseUrl(), Integer.MAX_VALUE);

        assertThat(before + after).as("pages fetched").isEqualTo(maxPages);
        List<CreditEvent> credited = credits(broker).stream().filter(CreditEvent::credited).toList();
        assertThat(credited).as("exactly the budget is credited, each page once").hasSize(maxPages);
        assertThat(credited.stream().map(CreditEvent::url).distinct().count()).isEqualTo(maxPages);
        assertThat(credited.stream().map(e -> new HostPartitioner(3).partitionOf(java.net.URI.create(e.url()).getHost())).distinct()
                .count()).as("the budget was shared by several partitions").isGreaterThan(1);
        await(() -> get(apiB + "/v1/jobs/lab-budget").contains("\"finished\":true"), "the job is finished");
        assertThat(get(apiB + "/v1/jobs/lab-budget")).contains("\"creditedPages\":" + maxPages)
                .contains("\"discoveredUrls\":" + maxPages);
    }

    private ShardedCoordinator instance(EmbeddedKafkaBroker broker, String name) throws Exception {
        ShardedCoordinator c = ShardedCoordinator.start(name, CONFIG, coordinatorKey, Clock.systemUTC(), broker.bootstrapServers(), TOPICS,
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

    private String get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String getAsNode(String base, String path) {
        return new String(SharedFrontierFixture.getAsNode(http, base, path, node).body(), StandardCharsets.UTF_8);
    }

    private StatementBundle statementFrom(String base, String nodeId) {
        HttpResponse<byte[]> r = SharedFrontierFixture.getAsNode(http, base, "/v1/nodes/" + nodeId + "/statement", node);
        try {
            return r.statusCode() == 200 ? StatementBundle.decode(r.body()) : null;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> post(String url, String json, String token) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int verify(StatementBundle bundle) throws Exception {
        Path file = dir.resolve("statement.bin");
        Files.write(file, bundle.encode().toArray());
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new RewardsCommand());
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("verify", "--statement", file.toString(), "--coordinator-key", coordinatorKey.publicKey().fingerprint(),
                "--node-key", node.publicKey().fingerprint(), "--origin", Fixtures.ORIGIN);
        assertThat(err.toString()).isEmpty();
        return code;
    }

    private static List<CreditEvent> credits(EmbeddedKafkaBroker broker) throws Exception {
        List<CreditEvent> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(broker.bootstrapServers(), TOPICS.credits(), CreditEvent.MAX_ENCODED)) {
            out.add(CreditEvent.decode(r.value()));
        }
        return out;
    }

    private static List<Long> rootEpochs(EmbeddedKafkaBroker broker) throws Exception {
        List<Long> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(broker.bootstrapServers(), TOPICS.ledgerSubmissions(),
                LedgerEntry.MAX_ENCODED + 256)) {
            Signed<LedgerEntry> entry = Signed.decode(r.value(), LedgerEntry.MAX_ENCODED, "entry", LedgerEntry::read);
            out.add(RewardRoot.decode(entry.record().payload().toArray()).epoch());
        }
        return out;
    }

}
