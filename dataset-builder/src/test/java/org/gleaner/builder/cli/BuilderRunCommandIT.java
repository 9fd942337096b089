package org.gleaner.builder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.ManifestVerifier;
import org.gleaner.builder.revocation.PeopleText;
import org.gleaner.builder.testing.PagesTopicWriter;
import org.gleaner.builder.testing.TestPages;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.note.NoteSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gleaner builder run} against a real broker: a full build, then an incremental one, each verifiable. */
class BuilderRunCommandIT {
    private final TestPages pages = new TestPages();

    @TempDir
    Path dir;

    @Test
    void buildsSignedVersionsFromTheTopic() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build()) {
            kafka.start();
            kafka.createTopic("gleaner.pages", 1);
            produce(kafka.bootstrapServers(), 0, 6);
            Path key = dir.resolve("builder.key");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            String[] common = {"--root", dir.resolve("out").toString(), "--dataset", "demo", "--kafka",
                kafka.bootstrapServers(), "--key", key.toString(), "--parts", "3", "--idle-timeout", "5"};
            // A crashed earlier attempt at v1 left a part file and no manifest: the run removes it and builds v1.
            java.nio.file.Files.createDirectories(dir.resolve("out/demo/v1"));
            java.nio.file.Files.write(dir.resolve("out/demo/v1/part-00000.parquet"), new byte[] {1, 2, 3});
            assertThat(run(out, err, common, "--dataset-version", "1")).as(() -> err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("recovered 1 interrupted step(s)");
            produce(kafka.bootstrapServers(), 6, 4);
            assertThat(run(out, err, common, "--dataset-version", "2", "--from", "COMMITTED")).isZero();

            NoteSigner signer = NoteSigner.of("gleaner-builder", Ed25519KeyPair.load(key));
            DatasetManifest v1 = new ManifestVerifier(signer.verifier()).verify(dir.resolve("out/demo/v1"));
            DatasetManifest v2 = new ManifestVerifier(signer.verifier()).verify(dir.resolve("out/demo/v2"));
            assertThat(v1.rows()).isEqualTo(6);
            assertThat(v2.rows()).as("only the pages the first build did not read").isEqualTo(4);
            assertThat(v1.checkpoint()).as("no --ledger").isNull();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("published demo v1: 6 rows", "published demo v2: 4 rows");
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("signing with " + signer.verifier().encode(),
                    "records read");
        }
    }

    private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String[] common, String... more) {
        String[] args = new String[common.length + more.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(more, 0, args, common.length, more.length);
        return new CommandLine(new BuilderRunCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
    }

    private void produce(String bootstrap, int first, int count) throws Exception {
        try (PagesTopicWriter topic = new PagesTopicWriter(bootstrap, "gleaner.pages", pages)) {
            for (int i = first; i < first + count; i++) {
                topic.send("https://docs.example/" + i, "Doc " + i, PeopleText.paragraph(i));
            }
        }
    }
}
