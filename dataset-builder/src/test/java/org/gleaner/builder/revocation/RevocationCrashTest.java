package org.gleaner.builder.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.LedgerCheckpoint;
import org.gleaner.builder.manifest.ManifestVerifier;
import org.gleaner.builder.parquet.ParquetOptions;
import org.gleaner.builder.version.DatasetVersions;
import org.gleaner.builder.version.SupersededMarker;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.note.NoteSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A crash injected after each step of publishing a delta: after start-up recovery there is either nothing of it
 * or a complete, verifying delta with its compacted version, and a rerun ends in exactly one complete delta.
 */
class RevocationCrashTest {
    private static final String GRANT = PublishedDataset.hex("grant-a");
    private static final String OTHER = PublishedDataset.hex("grant-b");
    private static final LedgerCheckpoint LATER = new LedgerCheckpoint("test/ledger", 12, "cd".repeat(32));
    private final NoteSigner signer;

    RevocationCrashTest() throws Exception {
        signer = NoteSigner.of("builder.test", Ed25519KeyPair.generate());
    }

    @TempDir
    Path dir;

    private Path publishV1() throws Exception {
        Path dataset = dir.resolve("demo");
        PublishedDataset.publish(dataset.resolve("v1"), "demo", "1", 60, 6,
                Map.of(3, List.of(GRANT), 17, List.of(OTHER, GRANT), 40, List.of(OTHER)), signer);
        return dataset;
    }

    private static final class Crash extends IOException {
        Crash(PublishStep step) {
            super("crash after " + step);
        }
    }

    @ParameterizedTest
    @EnumSource(PublishStep.class)
    void aCrashAfterAnyStepLeavesNothingOrEverythingAfterRecovery(PublishStep crashAfter) throws Exception {
        Path dataset = publishV1();
        RevocationProcessor crashing = new RevocationProcessor(dataset, signer, Clock.systemUTC(), ParquetOptions.DEFAULTS,
                step -> {
                    if (step == crashAfter) {
                        throw new Crash(step);
                    }
                });
        assertThatThrownBy(() -> crashing.process(List.of(GRANT), LATER)).isInstanceOf(Crash.class);

        RevocationProcessor restarted = new RevocationProcessor(dataset, signer);
        restarted.recover();
        Path delta = DeletionDelta.deltaPath(dataset, 1);
        boolean committed = crashAfter.compareTo(PublishStep.DELTA_COMMITTED) >= 0;
        if (committed) {
            assertComplete(dataset);
        } else {
            assertThat(delta).doesNotExist();
            assertThat(DeletionDelta.signaturePath(delta)).doesNotExist();
            assertThat(DatasetVersions.list(dataset)).extracting(DatasetVersions.Version::name).containsExactly("1");
            assertThat(SupersededMarker.read(dataset.resolve("v1"))).isNull();
            assertThat(hiddenFiles(dataset)).isEmpty();
        }

        RevocationOutcome rerun = restarted.process(List.of(GRANT), LATER);
        assertThat(rerun.published()).isEqualTo(!committed);
        assertComplete(dataset);
        assertThat(restarted.lastSequence()).isEqualTo(1);
    }

    @Test
    void onlyFilesHoldingRevokedRowsAreRewrittenAndTheRestAreByteIdentical() throws Exception {
        Path dataset = publishV1();
        RevocationOutcome out = new RevocationProcessor(dataset, signer).process(List.of(GRANT), LATER);
        DeletionDelta delta = out.delta();
        DeletionDelta.AffectedVersion v = delta.versions().get(0);
        assertThat(v.files().stream().flatMap(f -> f.removedRowIds().stream()))
                .containsExactlyInAnyOrder(PublishedDataset.hex("row-3"), PublishedDataset.hex("row-17"));
        DatasetManifest oldM = new ManifestVerifier(signer.verifier()).verify(dataset.resolve("v1"));
        DatasetManifest newM = new ManifestVerifier(signer.verifier()).verify(dataset.resolve("v1-d000001"));
        assertThat(newM.rows()).isEqualTo(oldM.rows() - 2);
        for (String carried : v.carriedFiles()) {
            assertThat(Files.mismatch(dataset.resolve("v1").resolve(carried), dataset.resolve("v1-d000001").resolve(carried)))
                    .isEqualTo(-1L);
        }
        assertThat(v.carriedFiles().size() + v.files().size()).isEqualTo(oldM.dataFiles().size());
        assertThat(v.files().size()).isLessThanOrEqualTo(2);

        // A second revocation compacts the compacted version, not the superseded one.
        RevocationOutcome second = new RevocationProcessor(dataset, signer).process(List.of(GRANT, OTHER), LATER);
        assertThat(second.delta().sequence()).isEqualTo(2);
        assertThat(second.delta().versions()).singleElement().satisfies(a -> {
            assertThat(a.version()).isEqualTo("1-d000001");
            assertThat(a.compactedVersion()).isEqualTo("1-d000002");
        });
        assertThat(DatasetVersions.live(dataset)).extracting(DatasetVersions.Version::name).containsExactly("1-d000002");
    }

    @Test
    void aTamperedDeltaOrForeignKeyFailsVerification() throws Exception {
        Path dataset = publishV1();
        Path delta = new RevocationProcessor(dataset, signer).process(List.of(GRANT), LATER).deltaFile();
        NoteSigner stranger = NoteSigner.of("builder.test", Ed25519KeyPair.generate());
        assertThatThrownBy(() -> new DeltaVerifier(stranger.verifier()).verify(delta))
                .isInstanceOfSatisfying(DeltaException.class, e -> assertThat(e.reason()).isEqualTo(DeltaException.Reason.BAD_SIGNATURE));
        String text = Files.readString(delta);
        Files.writeString(delta, text.replace("\"sequence\":1", "\"sequence\":2"));
        assertThatThrownBy(() -> new DeltaVerifier(signer.verifier()).verify(delta)).isInstanceOf(DeltaException.class);
        Files.writeString(delta, text.replace("{", "{ "));
        assertThatThrownBy(() -> new DeltaVerifier(signer.verifier()).verify(delta))
                .isInstanceOfSatisfying(DeltaException.class, e -> assertThat(e.reason()).isEqualTo(DeltaException.Reason.MALFORMED));
    }

    @Test
    void recoveryRemovesAVersionThatABuildLeftWithoutAManifest() throws Exception {
        Path dataset = publishV1();
        Path half = dataset.resolve("v2");
        Files.createDirectories(half);
        Files.write(half.resolve("part-00000.parquet"), new byte[] {1, 2, 3});
        assertThat(new RevocationProcessor(dataset, signer).recover()).isEqualTo(1);
        assertThat(half).doesNotExist();
        assertThat(dataset.resolve("v1")).exists();
    }

    @Test
    void aRevocationNoRowCarriesPublishesNothing() throws Exception {
        Path dataset = publishV1();
        assertThat(new RevocationProcessor(dataset, signer).process(List.of(PublishedDataset.hex("unused")), LATER).published()).isFalse();
        assertThatThrownBy(() -> new RevocationProcessor(dataset, signer).process(List.of("not-a-grant"), LATER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dataset.resolve("deltas")).doesNotExist();
    }

    private void assertComplete(Path dataset) throws Exception {
        DeletionDelta delta = new DeltaVerifier(signer.verifier()).verify(DeletionDelta.deltaPath(dataset, 1));
        assertThat(delta.revokedGrantIds()).containsExactly(GRANT);
        DatasetManifest compacted = new ManifestVerifier(signer.verifier()).verify(dataset.resolve("v1-d000001"));
        assertThat(compacted.supersedes()).isEqualTo("1");
        assertThat(compacted.checkpoint()).isEqualTo(LATER);
        assertThat(compacted.rows()).isEqualTo(58);
        assertThat(SupersededMarker.read(dataset.resolve("v1")).supersededBy()).isEqualTo("1-d000001");
        assertThat(DatasetVersions.live(dataset)).extracting(DatasetVersions.Version::name).containsExactly("1-d000001");
        assertThat(hiddenFiles(dataset)).isEmpty();
    }

    private static List<Path> hiddenFiles(Path dataset) throws IOException {
        try (Stream<Path> walk = Files.walk(dataset)) {
            return walk.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }
}
