package org.gleaner.builder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.gleaner.builder.revocation.PeopleText;
import org.gleaner.builder.testing.PagesTopicWriter;
import org.gleaner.builder.testing.TestPages;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gleaner builder serve --metrics-listen 127.0.0.1:0} serves its figures at /metrics while it builds. */
class BuilderServeMetricsIT {
    private static final Pattern METRICS = Pattern.compile("metrics at (http://\\S+)");
    private final TestPages pages = new TestPages();

    @TempDir
    Path dir;

    @Test
    void servesTheBuildersFiguresAtMetrics() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build()) {
            kafka.start();
            kafka.createTopic("gleaner.pages", 1);
            try (PagesTopicWriter topic = new PagesTopicWriter(kafka.bootstrapServers(), "gleaner.pages", pages)) {
                for (int i = 0; i < 5; i++) {
                    topic.send("https://docs.example/" + i, "Doc " + i, PeopleText.paragraph(i));
                }
                topic.send("https://docs.example/0", "Doc 0 again", PeopleText.paragraph(40));
            }
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            AtomicBoolean stop = new AtomicBoolean();
            BuilderServeCommand command = new BuilderServeCommand(new PrintStream(err, true, StandardCharsets.UTF_8), stop);
            CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(() -> new CommandLine(command).execute(
                    "--root", dir.resolve("out").toString(), "--dataset", "demo", "--kafka", kafka.bootstrapServers(),
                    "--key", dir.resolve("builder.key").toString(), "--parts", "1", "--build-min-pages", "6",
                    "--poll-ms", "100", "--idle-timeout", "2", "--metrics-listen", "127.0.0.1:0"));
            String body;
            try {
                String url = ServeOutput.awaitMatch(err, serving, METRICS);
                ServeOutput.awaitText(err, serving, "builder: published v1:");
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                body = r.body();
            } finally {
                stop.set(true);
            }
            assertThat(serving.get(60, TimeUnit.SECONDS)).as(() -> err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(body).contains("gleaner_builder_builds_published_total 1.0", "gleaner_builder_rows_written_total 5.0",
                    "gleaner_builder_records_read_total 6.0", "gleaner_builder_pages_skipped_total{reason=\"duplicate_url\"} 1.0",
                    "gleaner_builder_dataset_version 1.0");
            assertThat(body).as("the process's own figures too").contains("jvm_memory_used_bytes", "process_uptime_seconds");
            assertThat(body).as("no ledger: no availability figure").doesNotContain("consent_source_available");
        }
    }

    @Test
    void aBusyMetricsPortIsABadArgument() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = new CommandLine(new BuilderServeCommand(new PrintStream(err, true, StandardCharsets.UTF_8),
                    new AtomicBoolean(true))).execute("--root", dir.resolve("out").toString(), "--dataset", "demo",
                    "--kafka", "127.0.0.1:1", "--key", dir.resolve("builder.key").toString(),
                    "--metrics-listen", "127.0.0.1:" + taken.getLocalPort());

            assertThat(status).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("--metrics-listen 127.0.0.1:" + taken.getLocalPort()
                    + ": cannot listen there");
        }
    }
}
