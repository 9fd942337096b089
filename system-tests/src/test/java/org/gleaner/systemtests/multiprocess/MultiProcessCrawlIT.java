package org.gleaner.systemtests.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.nodeapi.NodeApiRequest;
import org.gleaner.protocol.reward.StatementBundle;
import org.gleaner.systemtests.kafka.KafkaClusterContainers;
import org.gleaner.systemtests.support.RequiresEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The network run for real: the services as separate OS processes, started the way docs/deploy.md says
 * ({@code gleaner topics create}, {@code gleaner keys create}, then {@code ledger serve}, {@code coordinator
 * serve}, two {@code node run} and {@code builder serve}, each with {@code --config FILE}), against the
 * three-broker container cluster. A lab submits a job over the coordinator's REST API; everything is then
 * checked from the outside: the pages on Kafka with verifying receipts, both nodes credited (each reading its
 * own credits with requests signed by the key in its data directory), a reward epoch closed with statements
 * that {@code gleaner rewards verify} accepts, its root adopted into the consent ledger, a dataset version as
 * of a ledger checkpoint that {@code gleaner datasets verify} accepts, and every process stopping cleanly on
 * SIGTERM. Logs stay in target/process-logs/MultiProcessCrawlIT.
 */
@RequiresEnvironment(docker = true)
class MultiProcessCrawlIT {
    private static final Logger LOG = LoggerFactory.getLogger(MultiProcessCrawlIT.class);
    private static final String ORIGIN = "gleaner.systest";
    private static final String DATASET = "systest";
    private static final int PAGES_PER_HOST = 8;
    private static final Duration START = Duration.ofSeconds(120);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stopEverything() {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            try {
                cleanup.get(i).close();
            } catch (Exception e) {
                LOG.warn("cleanup: {}", e.toString());
            }
        }
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        cleanup.add(resource);
        return resource;
    }

    @Test
    void aCrawlRunsThroughTheServicesStartedAsSeparateProcesses() throws Exception {
        GleanerProgram gleaner = GleanerProgram.fromBuild("MultiProcessCrawlIT");
        KafkaClusterContainers cluster = closeLater(KafkaClusterContainers.start("MultiProcessCrawlIT"));
        String kafka = cluster.bootstrapServers();
        TwoHostSite site = closeLater(new TwoHostSite(PAGES_PER_HOST));
        ServiceConfigs configs = new ServiceConfigs(dir, kafka, ORIGIN);

        // 1. topics and keys, before any service starts
        GleanerProcess.Finished topics = gleaner.run("topics-create", List.of("topics", "create", "--bootstrap-servers", kafka,
                "--partitions", "3", "--replication-factor", "3", "--min-insync-replicas", "2"));
        assertThat(topics.exitCode()).as(topics.output()).isZero();
        assertThat(topics.output()).contains("created  gleaner.pages").contains("created  gleaner.ledger ");
        GleanerProcess.Finished key = gleaner.run("keys-create", List.of("keys", "create", configs.coordinatorKey().toString()));
        assertThat(key.exitCode()).as(key.output()).isZero();
        String coordinatorKey = key.output().lines().filter(l -> l.startsWith("public key")).findFirst().orElseThrow()
                .substring("public key".length()).strip();

        // 2. the services, each from its own configuration file; started together, as an init system would
        //    (the ledger adopts reward roots whenever it is up, so nothing waits for it)
        GleanerProcess ledger = closeLater(gleaner.start("ledger", List.of("ledger", "serve", "--config",
                configs.ledger(coordinatorKey).toString())));
        GleanerProcess coordinator = closeLater(gleaner.start("coordinator", List.of("coordinator", "serve", "--config",
                configs.coordinator().toString())));
        String leases = coordinator.awaitLine("leases on (http://\\S+)/v1/leases", START);
        String api = coordinator.awaitLine("REST API on (http://[0-9.:]+)", Duration.ofSeconds(5));

        List<GleanerProcess> nodes = new ArrayList<>();
        List<Path> nodeConfigs = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            nodeConfigs.add(configs.node(n, leases, coordinatorKey));
            nodes.add(closeLater(gleaner.start("node-" + n, List.of("node", "run", "--config", nodeConfigs.get(n - 1).toString()))));
        }
        List<String> nodeIds = new ArrayList<>();
        for (GleanerProcess node : nodes) {
            nodeIds.add(node.awaitLine("\\[node\\] created identity ([0-9a-f]{64})", START));
            node.awaitLine("\\[node\\] share .*status page", START);
        }
        // a node stopped with SIGTERM and started again keeps its identity (its first progress line comes
        // after its shutdown hook is in place)
        nodes.get(1).awaitLine("\\[node\\] pages \\d+", START);
        assertCleanStop(nodes.get(1));
        assertThat(nodes.get(1).output()).contains("[node] stopping: finishing the page in flight");
        nodes.set(1, closeLater(gleaner.start("node-2-restarted", List.of("node", "run", "--config", nodeConfigs.get(1).toString()))));
        assertThat(nodes.get(1).awaitLine("\\[node\\] identity ([0-9a-f]{64})", START)).isEqualTo(nodeIds.get(1));
        nodes.get(1).awaitLine("\\[node\\] share .*status page", START);
        String ledgerKey = ledger.awaitLine("^ledger key\\s+(\\S+)", START);
        String ledgerUrl = "http://127.0.0.1:" + configs.ledgerPort();

        // the dataset builder, following the ledger: it builds a version once the site's pages wait on Kafka
        int sitePages = site.pageUrls().size();
        GleanerProcess builder = closeLater(gleaner.start("builder", List.of("builder", "serve", "--config",
                configs.builder(DATASET, ledgerUrl, ledgerKey, coordinatorKey, sitePages).toString())));
        String builderKey = builder.awaitLine("signing with (\\S+)", START);

        // 3. a lab submits a job over REST (a request without the token is refused)
        String job = "{\"jobId\":\"systest\",\"seeds\":[\"" + site.baseUrl(0) + "\",\"" + site.baseUrl(1) + "\"],"
                + "\"hosts\":[\"" + site.hostKey(0) + "\",\"" + site.hostKey(1) + "\"],"
                + "\"maxPages\":100,\"maxDepth\":3,\"purpose\":\"train-ai\"}";
        assertThat(post(api + "/v1/jobs", job, null).statusCode()).isEqualTo(401);
        HttpResponse<String> submitted = post(api + "/v1/jobs", job, configs.apiToken());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);

        JsonNode progress = await("the job to finish with every page credited", Duration.ofSeconds(150), () -> {
            JsonNode p = getJson(api + "/v1/jobs/current");
            return p != null && p.get("finished").asBoolean() && p.get("creditedPages").asLong() >= sitePages ? p : null;
        }, () -> logsOf(coordinator, nodes.get(0), nodes.get(1)));

        // 4. from the outside: every page on Kafka, each receipt signed by one of the two nodes
        Map<String, Ed25519PublicKey> nodeKeys = new HashMap<>();
        for (String id : nodeIds) {
            nodeKeys.put(id, Ed25519PublicKey.fromHex(id));
        }
        PagesOnKafka.Seen seen = PagesOnKafka.readAll(kafka, Topics.DEFAULT, ORIGIN, nodeKeys);
        assertThat(seen.unverified()).as("records whose receipt or body does not verify").isEmpty();
        assertThat(seen.urls()).containsAll(site.pageUrls());
        // every page record credited once: none lost, none doubled (spot checks re-fetch a few pages, and are paid)
        assertThat(progress.get("creditedPages").asLong()).isEqualTo(seen.verifiedRecords());

        // 5. both nodes credited, and their credits add up to the job's; a node reads only its own, signing the
        //    read with the key it created in its data directory (an unsigned read is refused)
        Map<String, Ed25519KeyPair> nodeKeyPairs = new HashMap<>();
        for (int n = 1; n <= 2; n++) {
            Ed25519KeyPair pair = Ed25519KeyPair.load(dir.resolve("node-" + n).resolve("node.key"));
            assertThat(pair.publicKey()).isEqualTo(Ed25519PublicKey.fromHex(nodeIds.get(n - 1)));
            nodeKeyPairs.put(nodeIds.get(n - 1), pair);
        }
        assertThat(getStatus(api + "/v1/nodes/" + nodeIds.get(0), null)).isEqualTo(401);
        assertThat(getStatus(api + "/v1/nodes/" + nodeIds.get(0), signed(nodeKeyPairs.get(nodeIds.get(1)), "/v1/nodes/" + nodeIds.get(0))))
                .as("a node reading another node's credits").isEqualTo(403);
        long creditedToNodes = 0;
        Map<String, Long> creditsBefore = new HashMap<>();
        for (String id : nodeIds) {
            JsonNode stats = getJsonAsNode(api, "/v1/nodes/" + id, nodeKeyPairs.get(id));
            assertThat(stats).as("credits of node " + id).isNotNull();
            assertThat(stats.get("creditedPages").asLong()).as("pages credited to " + id).isPositive();
            creditedToNodes += stats.get("creditedPages").asLong();
            creditsBefore.put(id, stats.get("creditedPages").asLong());
        }
        assertThat(creditedToNodes).isEqualTo(progress.get("creditedPages").asLong());

        // 6. a reward epoch closes (one minute after the coordinator started): statements verify offline
        Map<String, StatementBundle> statements = new HashMap<>();
        for (String id : nodeIds) {
            byte[] bytes = await("the reward statement of node " + id, Duration.ofSeconds(150),
                    () -> getBytesAsNode(api, "/v1/nodes/" + id + "/statement", nodeKeyPairs.get(id)), () -> coordinator.tail());
            Path file = dir.resolve("statement-" + id.substring(0, 8) + ".bin");
            Files.write(file, bytes);
            statements.put(id, StatementBundle.decode(bytes));
            GleanerProcess.Finished verified = gleaner.run("rewards-verify-" + id.substring(0, 8), List.of("rewards", "verify",
                    "--statement", file.toString(), "--coordinator-key", coordinatorKey, "--origin", ORIGIN, "--node-key", id));
            assertThat(verified.exitCode()).as(verified.output()).isZero();
            assertThat(verified.output()).contains("statement OK");
        }

        // 7. ... and the consent ledger adopted the epoch's signed root from gleaner.ledger.submissions
        byte[] rewardRoot = statements.get(nodeIds.get(0)).rewardRoot().encode().toArray();
        assertThat(statements.get(nodeIds.get(1)).rewardRoot().encode().toArray()).isEqualTo(rewardRoot);
        Long index = await("the ledger to adopt the reward root", Duration.ofSeconds(60),
                () -> ledgerIndexOf(ledgerUrl, rewardRoot), () -> ledger.tail());
        LOG.info("reward root adopted as ledger entry {}", index);

        // 8. a coordinator stopped with SIGTERM and started again comes back from Kafka: same job state, same
        //    credits, and its reward root is in the ledger once
        assertCleanStop(coordinator);
        GleanerProcess restarted = closeLater(gleaner.start("coordinator-restarted", List.of("coordinator", "serve", "--config",
                configs.coordinator().toString())));
        String apiAfter = restarted.awaitLine("REST API on (http://[0-9.:]+)", START);
        restarted.awaitLine("leases on (http://\\S+)/v1/leases", START);
        assertThat(restarted.output()).containsPattern("coordinator state replayed: \\d+ journal events, \\d+ credit events");
        // "finished" needs the replayed coordinator to have caught up with Kafka once
        JsonNode after = await("the restarted coordinator to report the job finished", Duration.ofSeconds(60), () -> {
            JsonNode p = getJson(apiAfter + "/v1/jobs/current");
            return p != null && p.get("finished").asBoolean() ? p : null;
        }, restarted::tail);
        assertThat(after.get("creditedPages").asLong()).isEqualTo(progress.get("creditedPages").asLong());
        for (String id : nodeIds) {
            assertThat(getJsonAsNode(apiAfter, "/v1/nodes/" + id, nodeKeyPairs.get(id)).get("creditedPages").asLong())
                    .isEqualTo(creditsBefore.get(id));
        }
        assertThat(ledgerCountOf(ledgerUrl, rewardRoot)).as("copies of the reward root in the ledger").isEqualTo(1);

        // 9. the builder published a version of the crawl, as of a ledger checkpoint: `gleaner datasets verify` passes
        String version = builder.awaitLine("builder: published v(\\d+):", Duration.ofSeconds(120));
        Path versionDir = configs.datasetRoot().resolve(DATASET).resolve("v" + version);
        GleanerProcess.Finished datasetVerified = gleaner.run("datasets-verify", List.of("datasets", "verify",
                versionDir.toString(), "--key", builderKey));
        assertThat(datasetVerified.exitCode()).as(datasetVerified.output()).isZero();
        JsonNode manifest = JSON.readTree(Files.readString(versionDir.resolve("manifest.json")));
        assertThat(manifest.path("checkpoint").path("origin").asString()).as("manifest's ledger checkpoint")
                .startsWith(ORIGIN);
        assertThat(manifest.path("checkpoint").path("root_hash").asString()).isNotBlank();
        assertThat(builder.output()).containsPattern("builder: building v" + version + " as of ledger checkpoint \\d+");

        // 10. nodes leave on their own once the coordinator reports all jobs done (or stop cleanly on SIGTERM);
        //    the services stop cleanly on SIGTERM
        for (GleanerProcess node : nodes) {
            stopNode(node);
        }
        assertCleanStop(builder);
        assertCleanStop(restarted);
        assertCleanStop(ledger);
    }

    private static void stopNode(GleanerProcess node) throws InterruptedException {
        if (node.isAlive()) {
            assertCleanStop(node);
            assertThat(node.output()).contains("[node] stopping: finishing the page in flight");
        } else {
            GleanerProcess.Finished finished = node.awaitExit(Duration.ofSeconds(1));
            assertThat(finished.exitCode()).as(node.tail()).isZero();
            assertThat(finished.output()).contains("coordinator reports all jobs done");
        }
    }

    private static void assertCleanStop(GleanerProcess process) throws InterruptedException {
        GleanerProcess.Finished finished = process.terminate(Duration.ofSeconds(60));
        // 143 = terminated by SIGTERM after the shutdown hooks ran; 0 = the command returned on its own
        assertThat(finished.exitCode()).as(process.name() + " exit code after SIGTERM:\n" + process.tail()).isIn(0, 143);
        assertThat(finished.output()).as(process.name() + " log").doesNotContain("Exception in thread");
    }

    private Long ledgerIndexOf(String ledgerUrl, byte[] entry) {
        JsonNode keys = getJson(ledgerUrl + "/v1/keys");
        if (keys == null) {
            return null;
        }
        String wanted = Base64.getEncoder().encodeToString(entry);
        for (long i = keys.get("size").asLong() - 1; i >= 0; i--) {
            JsonNode e = getJson(ledgerUrl + "/v1/entries/" + i);
            if (e != null && wanted.equals(e.get("entry").asString())) {
                assertThat(e.get("type").asString()).isEqualTo("reward-root");
                return i;
            }
        }
        return null;
    }

    private long ledgerCountOf(String ledgerUrl, byte[] entry) {
        JsonNode keys = getJson(ledgerUrl + "/v1/keys");
        assertThat(keys).as("ledger keys").isNotNull();
        String wanted = Base64.getEncoder().encodeToString(entry);
        long count = 0;
        for (long i = 0; i < keys.get("size").asLong(); i++) {
            JsonNode e = getJson(ledgerUrl + "/v1/entries/" + i);
            assertThat(e).as("ledger entry " + i).isNotNull();
            if (wanted.equals(e.get("entry").asString())) {
                count++;
            }
        }
        return count;
    }

    private HttpResponse<String> post(String url, String json, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String signed(Ed25519KeyPair node, String path) {
        return NodeApiRequest.authorization(node, ORIGIN, path, System.currentTimeMillis());
    }

    private int getStatus(String url, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A node's signed read of its own data on the coordinator ({@code path} is what the signature is bound to). */
    private JsonNode getJsonAsNode(String api, String path, Ed25519KeyPair node) {
        return getJson(api + path, signed(node, path));
    }

    private byte[] getBytesAsNode(String api, String path, Ed25519KeyPair node) {
        return getBytes(api + path, signed(node, path));
    }

    private JsonNode getJson(String url) {
        return getJson(url, null);
    }

    /** The JSON body of a 200 answer; null for any other status or a connection failure (callers poll). */
    private JsonNode getJson(String url, String authorization) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private byte[] getBytes(String url, String authorization) {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String logsOf(GleanerProcess... processes) {
        StringBuilder all = new StringBuilder();
        for (GleanerProcess p : processes) {
            all.append("--- ").append(p.name()).append(" ---\n").append(p.tail()).append('\n');
        }
        return all.toString();
    }

    /** Polls {@code probe} every 500 ms until it returns non-null; fails with {@code context} after {@code timeout}. */
    private static <T> T await(String what, Duration timeout, Supplier<T> probe, Supplier<String> context) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + "\n" + context.get());
            }
            Thread.sleep(500);
        }
    }
}
