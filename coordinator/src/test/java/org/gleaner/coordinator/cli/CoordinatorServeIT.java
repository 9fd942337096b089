package org.gleaner.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gleaner coordinator serve} end to end on a real broker: a lab submits a job over REST, a node leases
 * over HTTP and sends its page to Kafka, and the node's stats show the credit.
 */
class CoordinatorServeIT {
    private static final String TOKEN = "lab-token-".repeat(4);

    @TempDir
    Path dir;

    @Test
    void servesLeasesJobsAndStatsAgainstKafka() throws Exception {
        Topics topics = new Topics("servetest");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build()) {
            broker.start();
            broker.createTopic(topics.pages(), 3, Map.of());
            broker.createTopic(topics.links(), 3, Map.of());
            Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
            StringWriter err = new StringWriter();
            AtomicInteger exit = new AtomicInteger(-1);
            Thread serve = new Thread(() -> {
                CommandLine cli = new CommandLine(new CoordinatorCommand());
                cli.setErr(new PrintWriter(err, true));
                exit.set(cli.execute("serve", "--bootstrap-servers", broker.bootstrapServers(), "--key",
                        dir.resolve("coordinator.key").toString(), "--origin", Fixtures.ORIGIN, "--topic-prefix", "servetest",
                        "--listen", "127.0.0.1:0", "--api-listen", "127.0.0.1:0", "--api-token-file", tokenFile.toString()));
            }, "serve");
            serve.start();
            String api = awaitUrl(err, Pattern.compile("REST API on (http://[0-9.:]+)"));
            String leases = awaitUrl(err, Pattern.compile("leases on (http://[0-9.:]+/v1/leases)"));
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> job = http.send(HttpRequest.newBuilder(URI.create(api + "/v1/jobs"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"jobId":"serve-1","seeds":["http://a.example/"],"hosts":["a.example"],"maxPages":5,"maxDepth":1,"purpose":"train-ai"}"""))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(job.statusCode()).as(job.body()).isEqualTo(201);

            Ed25519KeyPair node = Ed25519KeyPair.generate();
            CrawlLease lease = null;
            for (int i = 0; i < 200 && lease == null; i++) {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(leases)).POST(HttpRequest.BodyPublishers.ofByteArray(
                        Fixtures.leaseRequest(node, 8, System.currentTimeMillis()).encode().toArray())).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 200) {
                    lease = Signed.decode(r.body(), CrawlLease.MAX_ENCODED, "lease", CrawlLease::read).record();
                } else {
                    assertThat(r.statusCode()).isEqualTo(204);
                    Thread.sleep(100);
                }
            }
            assertThat(lease).as("a lease within 20 s").isNotNull();
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(topics.pages(), "http://a.example/", Fixtures.page(node, lease.leaseId(),
                        "http://a.example/", System.currentTimeMillis(), "<p>hi</p>".getBytes(StandardCharsets.UTF_8))
                        .encode().toArray())).get();
            }
            String stats = "";
            for (int i = 0; i < 300 && !stats.contains("\"creditedPages\":1"); i++) {
                Thread.sleep(100);
                String path = "/v1/nodes/" + node.publicKey().fingerprint();
                stats = http.send(HttpRequest.newBuilder(URI.create(api + path)).header("Authorization",
                        org.gleaner.protocol.nodeapi.NodeApiRequest.authorization(node, Fixtures.ORIGIN, path, System.currentTimeMillis())).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            }
            assertThat(stats).contains("\"creditedPages\":1");

            serve.interrupt();
            serve.join(Duration.ofSeconds(30).toMillis());
            assertThat(serve.isAlive()).isFalse();
            assertThat(exit.get()).isZero();
            assertThat(err.toString()).doesNotContain(TOKEN);
        }
    }

    private static String awaitUrl(StringWriter err, Pattern pattern) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            Matcher m = pattern.matcher(err.toString());
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not start: " + err);
    }
}
