package org.gleaner.builder.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gleaner.builder.manifest.LedgerCheckpoint;
import org.gleaner.builder.manifest.ManifestVerifier;
import org.gleaner.builder.parquet.ParquetOptions;
import org.gleaner.builder.revocation.DeletionDelta;
import org.gleaner.builder.revocation.DeltaVerifier;
import org.gleaner.builder.revocation.PublishStep;
import org.gleaner.builder.revocation.PublishedDataset;
import org.gleaner.builder.revocation.RevocationProcessor;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.note.NoteSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real versions and deltas on disk, a clock the test sets: v1 is superseded by v1-d000001 on day 0, which is
 * superseded by v1-d000002 on day 10. The sweep removes a superseded version's data files only after the retention
 * period and outside the last K, never its manifest, signature or marker, never a live version's file.
 */
class SupersededSweeperTest {
    private static final Instant DAY_0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String GRANT_1 = PublishedDataset.hex("grant-1");
    private static final String GRANT_2 = PublishedDataset.hex("grant-2");
    private static final LedgerCheckpoint LATER = new LedgerCheckpoint("test/ledger", 12, "cd".repeat(32));
    private final NoteSigner signer;

    @TempDir
    Path dir;
    private Path dataset;

    SupersededSweeperTest() throws Exception {
        signer = NoteSigner.of("builder.test", Ed25519KeyPair.generate());
    }

    @BeforeEach
    void twoRevocationsTenDaysApart() throws Exception {
        dataset = dir.resolve("demo");
        PublishedDataset.publish(dataset.resolve("v1"), "demo", "1", 40, 4,
                Map.of(3, List.of(GRANT_1), 11, List.of(GRANT_2)), signer);
        revokeAt(DAY_0, GRANT_1);
        revokeAt(DAY_0.plus(Duration.ofDays(10)), GRANT_2);
    }

    private void revokeAt(Instant at, String grant) throws Exception {
        new RevocationProcessor(dataset, signer, Clock.fixed(at, ZoneOffset.UTC), ParquetOptions.DEFAULTS,
                PublishStep.StepListener.NONE).process(List.of(grant), LATER);
    }

    private SweepResult sweepAt(Instant now, RetentionPolicy policy) throws Exception {
        return new SupersededSweeper(dataset, policy, Clock.fixed(now, ZoneOffset.UTC)).sweep();
    }

    private List<String> parquetFiles(String version) throws Exception {
        try (Stream<Path> s = Files.list(dataset.resolve("v" + version))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")).sorted().toList();
        }
    }

    @Test
    void nothingIsRemovedBeforeTheRetentionPeriodHasPassed() throws Exception {
        SweepResult r = sweepAt(DAY_0.plus(Duration.ofDays(29)), new RetentionPolicy(Duration.ofDays(30), 0));
        assertThat(r.sweptVersions()).isEmpty();
        assertThat(r.filesRemoved()).isZero();
        assertThat(r.keptVersions()).containsExactly("1", "1-d000001");
        assertThat(parquetFiles("1")).hasSize(4);
    }

    @Test
    void afterTheRetentionPeriodOnlyTheOldEnoughVersionLosesItsDataFilesAndKeepsItsSignedRecord() throws Exception {
        SweepResult r = sweepAt(DAY_0.plus(Duration.ofDays(31)), new RetentionPolicy(Duration.ofDays(30), 0));
        assertThat(r.sweptVersions()).containsExactly("1");
        assertThat(r.filesRemoved()).isEqualTo(4);
        assertThat(r.bytesRemoved()).isPositive();
        assertThat(r.keptVersions()).containsExactly("1-d000001");
        assertThat(parquetFiles("1")).isEmpty();
        assertThat(dataset.resolve("v1/manifest.json")).exists();
        assertThat(dataset.resolve("v1/manifest.json.sig")).exists();
        assertThat(dataset.resolve("v1/superseded.json")).exists();
        assertThat(parquetFiles("1-d000001")).hasSize(4);
        new ManifestVerifier(signer.verifier()).verify(dataset.resolve("v1-d000002"));
        for (long seq = 1; seq <= 2; seq++) {
            new DeltaVerifier(signer.verifier()).verify(DeletionDelta.deltaPath(dataset, seq));
        }
        assertThat(sweepAt(DAY_0.plus(Duration.ofDays(31)), new RetentionPolicy(Duration.ofDays(30), 0)).filesRemoved())
                .as("a second sweep has nothing left to do").isZero();
    }

    @Test
    void theLastKSupersededVersionsAreKeptWhateverTheirAge() throws Exception {
        SweepResult r = sweepAt(DAY_0.plus(Duration.ofDays(400)), new RetentionPolicy(Duration.ofDays(30), 1));
        assertThat(r.sweptVersions()).containsExactly("1");
        assertThat(r.keptVersions()).containsExactly("1-d000001");
        assertThat(parquetFiles("1-d000001")).hasSize(4);

        SweepResult all = sweepAt(DAY_0.plus(Duration.ofDays(400)), new RetentionPolicy(Duration.ofDays(30), 0));
        assertThat(all.sweptVersions()).containsExactly("1-d000001");
        assertThat(parquetFiles("1-d000001")).isEmpty();
        assertThat(parquetFiles("1-d000002")).as("the live version is never touched").hasSize(4);
        new ManifestVerifier(signer.verifier()).verify(dataset.resolve("v1-d000002"));
    }

    @Test
    void aFileALiveVersionStillReferencesIsKept() throws Exception {
        Path live = dataset.resolve("v1-d000002");
        DeletionDelta second = new DeltaVerifier(signer.verifier()).verify(DeletionDelta.deltaPath(dataset, 2));
        String name = second.versions().get(0).carriedFiles().get(0);
        Path old = dataset.resolve("v1-d000001").resolve(name);
        // An operator replaced the live, byte-identical copy with a link to the old one.
        Files.delete(live.resolve(name));
        Files.createSymbolicLink(live.resolve(name), old);
        sweepAt(DAY_0.plus(Duration.ofDays(400)), new RetentionPolicy(Duration.ZERO, 0));
        assertThat(old).exists();
        assertThat(parquetFiles("1-d000001")).containsExactly(name);
        assertThat(Files.size(live.resolve(name))).isPositive();
    }

    @Test
    void aVersionWhoseDeltaCannotBeReadIsKept() throws Exception {
        Files.writeString(DeletionDelta.deltaPath(dataset, 1), "{}");
        SweepResult r = sweepAt(DAY_0.plus(Duration.ofDays(400)), new RetentionPolicy(Duration.ZERO, 0));
        assertThat(r.keptVersions()).contains("1");
        assertThat(parquetFiles("1")).hasSize(4);
    }
}
