package org.gleaner.builder.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gleaner.builder.revocation.PublishedDataset;
import org.gleaner.builder.revocation.RevocationProcessor;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.note.NoteSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gleaner datasets verify} on deletion deltas: one delta, a deltas directory, a tampered delta. */
class DeltaVerifyCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int verify(String... args) {
        return new CommandLine(new VerifyDatasetCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
    }

    @Test
    void verifiesDeltasAndRefusesATamperedOne() throws Exception {
        NoteSigner signer = NoteSigner.of("builder.test", Ed25519KeyPair.generate());
        Path dataset = dir.resolve("demo");
        String grant = PublishedDataset.hex("g");
        PublishedDataset.publish(dataset.resolve("v1"), "demo", "1", 20, 4, Map.of(2, List.of(grant), 9, List.of(grant)), signer);
        Path delta = new RevocationProcessor(dataset, signer).process(List.of(grant), PublishedDataset.CHECKPOINT).deltaFile();
        String key = signer.verifier().encode();

        assertThat(verify(delta.toString(), "--key", key)).isZero();
        assertThat(verify(dataset.resolve("deltas").toString(), "--key", key)).isZero();
        assertThat(verify(dataset.resolve("v1-d000001").toString(), "--key", key)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("verified demo delta 1: 1 revoked grant(s), 2 rows removed and 0 re-redacted");

        // The compacted version's manifest is no longer the one the delta names.
        Path manifest = dataset.resolve("v1-d000001/manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"rows\":", "\"rows\": "));
        assertThat(verify(delta.toString(), "--key", key)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("FAILED (VERSION_MISMATCH)");

        Files.writeString(delta, Files.readString(delta).replace("demo", "dem0"));
        assertThat(verify(delta.toString(), "--key", key)).isEqualTo(1);
        assertThat(verify(dir.resolve("nowhere").toString(), "--key", key)).isEqualTo(2);
    }
}
