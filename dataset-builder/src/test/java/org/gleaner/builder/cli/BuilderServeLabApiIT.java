package org.gleaner.builder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.gleaner.builder.api.LabKeys;
import org.gleaner.builder.revocation.PeopleText;
import org.gleaner.builder.testing.PagesTopicWriter;
import org.gleaner.builder.testing.TestPages;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gleaner builder serve --api-keys-file ...} serves the dataset API for labs over the versions it builds. */
class BuilderServeLabApiIT {
    private static final Pattern API = Pattern.compile("dataset API for labs on (http://\\S+)");
    private final TestPages pages = new TestPages();

    @TempDir
    Path dir;

    @Test
    void answersTheDatasetApiWithALabKeyWhileBuilding() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build()) {
            kafka.start();
            kafka.createTopic("gleaner.pages", 1);
            produce(kafka.bootstrapServers(), 4);
            String key = LabKeys.generateKey();
            Path keys = dir.resolve("lab-keys");
            Files.writeString(keys, LabKeys.keysFileLine("lab-a", key) + "\n");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            AtomicBoolean stop = new AtomicBoolean();
            BuilderServeCommand command = new BuilderServeCommand(new PrintStream(err, true, StandardCharsets.UTF_8), stop);
            CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(() -> new CommandLine(command).execute(
                    "--root", dir.resolve("out").toString(), "--dataset", "demo", "--kafka", kafka.bootstrapServers(),
                    "--key", dir.resolve("builder.key").toString(), "--parts", "1", "--build-min-pages", "4",
                    "--poll-ms", "100", "--idle-timeout", "2", "--api-keys-file", keys.toString(), "--api-listen", "127.0.0.1:0"));
            try {
                String base = ServeOutput.awaitMatch(err, serving, API);
                ServeOutput.awaitText(err, serving, "builder: published v1:");
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> withKey = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/datasets"))
                        .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> withoutKey = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/datasets")).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(withKey.statusCode()).as(withKey.body()).isEqualTo(200);
                assertThat(withKey.body()).contains("{\"name\":\"demo\",\"versions\":1,\"latestVersion\":\"1\"}");
                assertThat(withoutKey.statusCode()).isEqualTo(401);
            } finally {
                stop.set(true);
            }
            assertThat(serving.get(60, TimeUnit.SECONDS)).as(() -> err.toString(StandardCharsets.UTF_8)).isZero();
        }
    }

    @Test
    void aMissingKeysFileIsABadArgument() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new CommandLine(new BuilderServeCommand(new PrintStream(err, true, StandardCharsets.UTF_8), new AtomicBoolean(true)))
                .execute("--root", dir.resolve("out").toString(), "--dataset", "demo", "--kafka", "127.0.0.1:1",
                        "--key", dir.resolve("builder.key").toString(), "--api-keys-file", dir.resolve("absent").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--api-keys-file").contains("does not exist");
    }

    private void produce(String bootstrap, int count) throws Exception {
        try (PagesTopicWriter topic = new PagesTopicWriter(bootstrap, "gleaner.pages", pages)) {
            for (int i = 0; i < count; i++) {
                topic.send("https://docs.example/" + i, "Doc " + i, PeopleText.paragraph(i));
            }
        }
    }
}
