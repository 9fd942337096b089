package org.gleaner.builder.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.gleaner.builder.manifest.LedgerCheckpoint;
import org.gleaner.builder.manifest.ManifestPublisher;
import org.gleaner.builder.manifest.ManifestSettings;
import org.gleaner.builder.manifest.ManifestVerifier;
import org.gleaner.builder.manifest.StagedManifest;
import org.gleaner.builder.parquet.ParquetDatasetWriter;
import org.gleaner.builder.parquet.ParquetOptions;
import org.gleaner.builder.parquet.PartitionedParquetFiles;
import org.gleaner.builder.parquet.WrittenFile;
import org.gleaner.builder.version.DatasetVersions;
import org.gleaner.builder.version.SupersededMarker;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.note.NoteSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A build that finished after a revocation it holds rows of is published already superseded, with its delta and
 * compacted version, so it is never a live version holding revoked rows, and a crash at any step leaves it either
 * absent (not acknowledged, rebuilt later) or completely published and superseded.
 */
class PublishBuildTest {
    private static final String GRANT = PublishedDataset.hex("grant-a");
    private static final LedgerCheckpoint LATER = new LedgerCheckpoint("test/ledger", 12, "cd".repeat(32));
    private final NoteSigner signer;

    @TempDir
    Path dir;
    private Path dataset;

    PublishBuildTest() throws Exception {
        signer = NoteSigner.of("builder.test", Ed25519KeyPair.generate());
    }

    /** What a finished build leaves before its commit: v2's files, card, signature and staged manifest. */
    private StagedManifest stagedBuild(Map<Integer, List<String>> grants) throws Exception {
        dataset = dir.resolve("demo");
        PublishedDataset.publish(dataset.resolve("v1"), "demo", "1", 20, 2, Map.of(), signer);
        Path v2 = dataset.resolve("v2");
        List<WrittenFile> files;
        try (PartitionedParquetFiles out = PartitionedParquetFiles.open(new ParquetDatasetWriter(), v2, 4)) {
            for (int i = 100; i < 130; i++) {
                out.write(PublishedDataset.row(i, grants.getOrDefault(i, List.of())));
            }
            files = out.publish();
        }
        return new ManifestPublisher(ManifestSettings.signedBy(signer).withCheckpoint(PublishedDataset.CHECKPOINT, "test"))
                .prepare(v2, "demo", "2", files, Map.of());
    }

    private List<String> live() throws IOException {
        return DatasetVersions.live(dataset).stream().map(DatasetVersions.Version::name).toList();
    }

    @Test
    void aBuildWithoutRevokedRowsIsSimplyPublished() throws Exception {
        StagedManifest build = stagedBuild(Map.of(105, List.of(PublishedDataset.hex("standing"))));
        RevocationOutcome out = new RevocationProcessor(dataset, signer).publishBuild(build, List.of(GRANT), LATER, null);
        assertThat(out.published()).isFalse();
        assertThat(live()).containsExactly("1", "2");
        new ManifestVerifier(signer.verifier()).verify(dataset.resolve("v2"));
    }

    @Test
    void aBuildHoldingRevokedRowsIsNeverLive() throws Exception {
        StagedManifest build = stagedBuild(Map.of(105, List.of(GRANT), 111, List.of(GRANT)));
        RevocationProcessor processor = new RevocationProcessor(dataset, signer, Clock.systemUTC(), ParquetOptions.DEFAULTS,
                step -> assertThat(live()).as("after " + step).doesNotContain("2"));
        RevocationOutcome out = processor.publishBuild(build, List.of(GRANT), LATER, null);

        assertThat(out.published()).isTrue();
        DeletionDelta delta = new DeltaVerifier(signer.verifier()).verify(out.deltaFile());
        assertThat(delta.versions()).extracting(DeletionDelta.AffectedVersion::version).containsExactly("2");
        assertThat(delta.removedRows()).isEqualTo(2);
        assertThat(live()).containsExactly("1", "2-d000001");
        new ManifestVerifier(signer.verifier()).verify(dataset.resolve("v2"));
        new ManifestVerifier(signer.verifier()).verify(dataset.resolve("v2-d000001"));
        assertThat(SupersededMarker.read(dataset.resolve("v2")).supersededBy()).isEqualTo("2-d000001");
    }

    private static final class Crash extends IOException {
        Crash(PublishStep step) {
            super("crash after " + step);
        }
    }

    @ParameterizedTest
    @EnumSource(PublishStep.class)
    void aCrashAtAnyStepLeavesTheBuildAbsentOrPublishedSuperseded(PublishStep crashAfter) throws Exception {
        StagedManifest build = stagedBuild(Map.of(105, List.of(GRANT)));
        RevocationProcessor crashing = new RevocationProcessor(dataset, signer, Clock.systemUTC(), ParquetOptions.DEFAULTS,
                step -> {
                    if (step == crashAfter) {
                        throw new Crash(step);
                    }
                });
        assertThatThrownBy(() -> crashing.publishBuild(build, List.of(GRANT), LATER, null)).isInstanceOf(Crash.class);

        new RevocationProcessor(dataset, signer).recover();
        if (crashAfter.compareTo(PublishStep.DELTA_COMMITTED) >= 0) {
            assertThat(live()).containsExactly("1", "2-d000001");
            assertThat(SupersededMarker.read(dataset.resolve("v2"))).isNotNull();
            new ManifestVerifier(signer.verifier()).verify(dataset.resolve("v2"));
            new DeltaVerifier(signer.verifier()).verify(DeletionDelta.deltaPath(dataset, 1));
        } else {
            assertThat(dataset.resolve("v2")).as("not acknowledged: removed, its pages are built again").doesNotExist();
            assertThat(DeletionDelta.deltaPath(dataset, 1)).doesNotExist();
            assertThat(live()).containsExactly("1");
        }
        try (var entries = Files.list(dataset)) {
            assertThat(entries.map(p -> p.getFileName().toString())).allSatisfy(n -> assertThat(n).doesNotStartWith("."));
        }
    }
}
