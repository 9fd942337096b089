package org.gleaner.systemtests.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.systemtests.kafka.KafkaClusterContainers;
import org.gleaner.systemtests.kafka.SaslClusterAuth;
import org.gleaner.systemtests.multiprocess.GleanerProcess;
import org.gleaner.systemtests.multiprocess.GleanerProgram;
import org.gleaner.systemtests.multiprocess.PagesOnKafka;
import org.gleaner.systemtests.multiprocess.TwoHostSite;
import org.gleaner.systemtests.support.RequiresEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crawl on a cluster that authenticates and authorizes every client, each process signing in with its own
 * credentials through {@code --kafka-client-config}: the admin creates the topics ({@code gleaner topics create}),
 * the coordinator runs as its own SCRAM principal with only its ACLs, and a node admitted with {@code gleaner kafka
 * admit-node} (write-only on pages and links) crawls a two-host site into the cluster, its client file named in its
 * {@code --config} file. Checked from the outside: every page is on Kafka under the node's signed receipt, every
 * page record is credited once; then the builder (read-only on pages) builds a version of the crawl and the ledger
 * mirrors a subject's key registration, each as its own principal; no process printed a password.
 */
@RequiresEnvironment(docker = true)
class SecuredCrawlIT {
    private static final String ORIGIN = "gleaner.secured-it";
    private static final Duration START = Duration.ofSeconds(90);

    private static KafkaClusterContainers cluster;
    private static SaslClusterAuth auth;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSecuredCluster() {
        auth = new SaslClusterAuth("admin", secret());
        cluster = KafkaClusterContainers.startSecured("SecuredCrawlIT", 1, auth);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aNodeAdmittedWithItsOwnPrincipalCrawlsIntoTheSecuredCluster() throws Exception {
        GleanerProgram gleaner = GleanerProgram.fromBuild("SecuredCrawlIT");
        String kafka = cluster.bootstrapServers();
        Path adminConfig = clientConfig("admin.properties", auth.adminClientConfig());

        // 1. the admin creates the topics, signing in with its client file
        GleanerProcess.Finished topics = gleaner.run("topics-create", List.of("topics", "create", "--kafka", kafka,
                "--kafka-client-config", adminConfig.toString(), "--partitions", "1", "--replication-factor", "1",
                "--min-insync-replicas", "1"));
        assertThat(topics.exitCode()).as(topics.output()).isZero();
        assertThat(topics.output()).contains("created  gleaner.pages");

        // 2. the coordinator's own principal, with only the ACLs it needs
        String coordinatorPassword = secret();
        ServicePrincipals principals = new ServicePrincipals(kafka, auth.adminClientConfig());
        principals.admitCoordinator("coordinator", coordinatorPassword, Topics.DEFAULT);
        Path coordinatorClient = clientConfig("coordinator-client.properties", SaslClusterAuth.scramClientConfig("coordinator", coordinatorPassword));

        // 3. the node's key first (the operator's), then its principal: gleaner kafka admit-node
        Path nodeDir = Files.createDirectory(dir.resolve("node"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        GleanerProcess.Finished nodeKey = gleaner.run("node-key", List.of("keys", "create", nodeDir.resolve("node.key").toString()));
        assertThat(nodeKey.exitCode()).as(nodeKey.output()).isZero();
        String nodeId = publicKey(nodeKey.output());
        Path passwordFile = dir.resolve("node.password");
        GleanerProcess.Finished admitted = gleaner.run("admit-node", List.of("kafka", "admit-node", "--bootstrap-servers", kafka,
                "--admin-config", adminConfig.toString(), "--node-key", nodeId, "--produce-quota", "10MB/s",
                "--password-file", passwordFile.toString()));
        assertThat(admitted.exitCode()).as(admitted.output()).isZero();
        String nodeUser = "node-" + nodeId.substring(0, 16);
        String nodePassword = Files.readString(passwordFile).strip();
        Path nodeClient = clientConfig("node-client.properties", SaslClusterAuth.scramClientConfig(nodeUser, nodePassword));

        try (TwoHostSite site = new TwoHostSite(4)) {
            Path coordinatorKey = dir.resolve("coordinator.key");
            GleanerProcess coordinator = gleaner.start("coordinator", List.of("coordinator", "serve", "--kafka", kafka,
                    "--kafka-client-config", coordinatorClient.toString(), "--key", coordinatorKey.toString(), "--origin", ORIGIN,
                    "--instance", "secured", "--listen", "127.0.0.1:0", "--api-listen", "127.0.0.1:0",
                    "--job-id", "secured", "--seed", site.baseUrl(0), "--seed", site.baseUrl(1),
                    "--host", site.hostKey(0), "--host", site.hostKey(1), "--max-depth", "3"));
            try (coordinator) {
                String leases = coordinator.awaitLine("leases on (http://\\S+)/v1/leases", START);
                String api = coordinator.awaitLine("REST API on (http://[0-9.:]+)", Duration.ofSeconds(5));
                assertThat(coordinator.output()).contains("replaying state from Kafka at " + kafka + " (SASL_PLAINTEXT)");
                String coordinatorPublic = publicKey(gleaner.run("coordinator-key", List.of("keys", "show", coordinatorKey.toString())).output());

                // 4. the node, configured by file: its Kafka client file is one key of it
                Path nodeConfig = dir.resolve("node.properties");
                Files.writeString(nodeConfig, """
                        # gleaner node run --config node.properties
                        coordinator = %s
                        coordinator-key = %s
                        kafka = %s
                        kafka-client-config = %s
                        origin = %s
                        share = 8MB/s
                        data-dir = %s
                        allow-egress = 127.0.0.1/32
                        progress-seconds = 2
                        """.formatted(leases, coordinatorPublic, kafka, nodeClient, ORIGIN, nodeDir));
                Files.setPosixFilePermissions(nodeConfig, PosixFilePermissions.fromString("rw-------"));
                GleanerProcess node = gleaner.start("node", List.of("node", "run", "--config", nodeConfig.toString()));
                try (node) {
                    assertThat(node.awaitLine("\\[node\\] identity ([0-9a-f]{64})", START)).isEqualTo(nodeId);
                    GleanerProcess.Finished finished = node.awaitExit(Duration.ofMinutes(3));
                    assertThat(finished.exitCode()).as(finished.output()).isZero();
                    assertThat(finished.output()).contains("coordinator reports all jobs done");
                }

                // 5. from the outside, as the admin: every page on Kafka under the node's receipts, each credited once
                PagesOnKafka.Seen seen = PagesOnKafka.readAll(kafka, auth.adminClientConfig(), Topics.DEFAULT, ORIGIN,
                        Map.of(nodeId, Ed25519PublicKey.fromHex(nodeId)));
                assertThat(seen.unverified()).as("records whose receipt or body does not verify").isEmpty();
                assertThat(seen.urls()).containsAll(site.pageUrls());
                assertThat(creditedPages(api, Duration.ofSeconds(60), seen.verifiedRecords(), coordinator))
                        .isEqualTo(seen.verifiedRecords());

                // 6. the builder, as its own principal (read-only on pages), builds a version of the crawl
                String builderPassword = secret();
                principals.admitBuilder("builder", builderPassword, Topics.DEFAULT);
                Path builderClient = clientConfig("builder-client.properties", SaslClusterAuth.scramClientConfig("builder", builderPassword));
                GleanerProcess.Finished built = gleaner.run("builder-run", List.of("builder", "run", "--root", dir.resolve("datasets").toString(),
                        "--dataset", "secured", "--kafka", kafka, "--kafka-client-config", builderClient.toString(),
                        "--key", dir.resolve("builder.key").toString(), "--network-origin", ORIGIN, "--dataset-version", "1",
                        "--idle-timeout", "5", "--parts", "1"));
                assertThat(built.exitCode()).as(built.output()).isZero();
                assertThat(built.output()).containsPattern("published secured v1: [1-9]\\d* rows");

                // 7. the ledger, as its own principal, mirrors a subject's key registration to gleaner.ledger
                String ledgerPassword = secret();
                principals.admitLedger("ledger", ledgerPassword, Topics.DEFAULT);
                Path ledgerClient = clientConfig("ledger-client.properties", SaslClusterAuth.scramClientConfig("ledger", ledgerPassword));
                int ledgerPort = freePort();
                String ledgerUrl = "http://127.0.0.1:" + ledgerPort;
                try (GleanerProcess ledger = gleaner.start("ledger", List.of("ledger", "serve", "--data-dir", dir.resolve("ledger").toString(),
                        "--port", Integer.toString(ledgerPort), "--origin", ORIGIN, "--kafka", kafka,
                        "--kafka-client-config", ledgerClient.toString(), "--coordinator-key", coordinatorPublic))) {
                    ledger.awaitLine("^ledger key\\s+(\\S+)", START);
                    GleanerProcess.Finished keygen = gleaner.run("consent-keygen", List.of("consent", "keygen",
                            "--key", dir.resolve("subject.key").toString(), "--ledger", ledgerUrl));
                    assertThat(keygen.exitCode()).as(keygen.output()).isZero();
                    assertThat(keygen.output()).contains("registered   entry 0");
                    assertThat(recordsOn(kafka, Topics.DEFAULT.ledger(), 1, Duration.ofSeconds(60)))
                            .as("entries the ledger mirrored as its own principal; it said:\n" + ledger.tail()).isEqualTo(1);
                    for (String log : List.of(built.output(), ledger.output(), keygen.output())) {
                        assertThat(log).doesNotContain(builderPassword).doesNotContain(ledgerPassword);
                    }
                }

                // no process printed a credential
                for (String log : List.of(topics.output(), admitted.output(), coordinator.output(), node.output())) {
                    assertThat(log).doesNotContain(nodePassword).doesNotContain(coordinatorPassword).doesNotContain(auth.adminPassword());
                }
            }
        }
    }

    @Test
    void aNodeWithoutItsClientFileIsRefusedByTheCluster() throws Exception {
        GleanerProgram gleaner = GleanerProgram.fromBuild("SecuredCrawlIT-refused");
        Path badClient = clientConfig("wrong.properties", SaslClusterAuth.scramClientConfig("node-0000000000000000", secret()));
        GleanerProcess.Finished topics = gleaner.run("topics-wrong-user", List.of("topics", "create", "--kafka", cluster.bootstrapServers(),
                "--kafka-client-config", badClient.toString(), "--partitions", "1", "--replication-factor", "1",
                "--min-insync-replicas", "1", "--timeout-seconds", "20"));
        assertThat(topics.exitCode()).as(topics.output()).isNotZero();
        assertThat(topics.output()).containsIgnoringCase("authentication");
    }

    private Path clientConfig(String name, Map<String, Object> settings) throws Exception {
        StringBuilder text = new StringBuilder("# Kafka client settings\n");
        settings.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static String publicKey(String keysOutput) {
        Matcher m = Pattern.compile("public key\\s+([0-9a-f]{64})").matcher(keysOutput);
        assertThat(m.find()).as(keysOutput).isTrue();
        return m.group(1);
    }

    /** The job's credited pages once they reach {@code expected} (or the last figure after the timeout). */
    private static long creditedPages(String api, Duration timeout, long expected, GleanerProcess coordinator) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        long credited = -1;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/v1/jobs/current")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"creditedPages\"\\s*:\\s*(\\d+)").matcher(response.body());
            if (response.statusCode() == 200 && m.find()) {
                credited = Long.parseLong(m.group(1));
                if (credited >= expected) {
                    return credited;
                }
            }
            Thread.sleep(500);
        }
        assertThat(credited).as("credited pages; coordinator said:\n" + coordinator.tail()).isEqualTo(expected);
        return credited;
    }

    /** Records on {@code topic} read as the admin, once there are {@code expected} (or what there is after the timeout). */
    private static long recordsOn(String kafka, String topic, long expected, Duration timeout) throws InterruptedException {
        java.util.Properties props = new java.util.Properties();
        props.putAll(auth.adminClientConfig());
        props.put("bootstrap.servers", kafka);
        long deadline = System.nanoTime() + timeout.toNanos();
        long count = 0;
        try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                props, new org.apache.kafka.common.serialization.ByteArrayDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(topic, info.partition())).toList();
            while (System.nanoTime() < deadline) {
                count = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
                if (count >= expected) {
                    return count;
                }
                Thread.sleep(500);
            }
        }
        return count;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String secret() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
