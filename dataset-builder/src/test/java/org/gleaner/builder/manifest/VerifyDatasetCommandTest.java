package org.gleaner.builder.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.gleaner.builder.parquet.ParquetDatasetWriter;
import org.gleaner.builder.parquet.WrittenFile;
import org.gleaner.builder.testing.TestPages;
import org.gleaner.protocol.note.NoteSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VerifyDatasetCommandTest {
    @TempDir
    Path out;
    private Path dir;
    private NoteSigner signer;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void publish() throws Exception {
        dir = out.resolve("demo/v1");
        signer = NoteSigner.generate("gleaner.test/builder");
        WrittenFile file = new ParquetDatasetWriter().write(dir.resolve("part-00000.parquet"),
                IntStream.range(0, 4).mapToObj(TestPages::row).toList());
        new ManifestPublisher(ManifestSettings.signedBy(signer)).publish(dir, "demo", "1", List.of(file),
                Map.of("extractor", "MainTextExtractor"));
    }

    private int run(String... args) {
        return new CommandLine(new VerifyDatasetCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8))).execute(args);
    }

    @Test
    void verifiesAGoodVersion() {
        assertThat(run(dir.toString(), "--key", signer.verifier().encode())).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("verified demo v1: 2 files, 4 rows");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("hashing part-00000.parquet");
    }

    @Test
    void failsWithOneLineReasonOnATamperedFile() throws Exception {
        Files.writeString(dir.resolve("README.md"), "changed");

        assertThat(run(dir.toString(), "--key", signer.verifier().encode())).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("FAILED (FILE_MISMATCH): README.md has");
    }

    @Test
    void badArgumentsExitWithTwo() {
        assertThat(run(dir.toString(), "--key", "not-a-key")).isEqualTo(2);
        assertThat(run(out.resolve("nowhere").toString(), "--key", signer.verifier().encode())).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("--key is not a note verifier key", "not a directory or delta file");
    }
}
