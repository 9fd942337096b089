package org.gleaner.builder.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.gleaner.builder.language.LanguageSettings;
import org.gleaner.builder.manifest.BuildFilters;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.ManifestFile;
import org.gleaner.builder.manifest.ManifestJson;
import org.gleaner.builder.manifest.ManifestSignature;
import org.gleaner.builder.manifest.ManifestPublisher;
import org.gleaner.builder.manifest.ManifestSettings;
import org.gleaner.builder.parquet.ParquetDatasetWriter;
import org.gleaner.builder.parquet.WrittenFile;
import org.gleaner.builder.quality.QualityThresholds;
import org.gleaner.builder.testing.TestPages;
import org.gleaner.protocol.note.NoteSigner;
import org.gleaner.protocol.note.SignedNote;

/**
 * A real datasets root, written by the builder's own Parquet writer and manifest publisher:
 * {@code demo/v1} (10 rows, superseded by v2), {@code demo/v2} (6 rows, the rows of v1 without the
 * {@code grant-4} and {@code grant-x} rows beyond index 5), {@code demo/v3} being written (no manifest),
 * {@code news/v1} (3 rows), and a signed deletion delta for demo affecting v1.
 */
public final class TestDatasets {
    static final Map<String, Object> FILTERS = BuildFilters.describe("MainTextExtractor", "lingua",
            LanguageSettings.defaults(), QualityThresholds.defaults(), null);

    private final Path root;
    private final NoteSigner signer;

    public static TestDatasets publish(Path root) throws Exception {
        return new TestDatasets(root);
    }

    public NoteSigner signer() {
        return signer;
    }

    private TestDatasets(Path root) throws Exception {
        this.root = root;
        this.signer = NoteSigner.generate("gleaner.test/builder");
        publish("demo", "1", 0, 10, null);
        publish("demo", "2", 0, 6, "1");
        Files.writeString(root.resolve("demo/v1/superseded.json"), "{\"dataset\":\"demo\",\"superseded_by\":\"2\",\"version\":\"1\"}");
        Path unpublished = root.resolve("demo/v3");
        new ParquetDatasetWriter().write(unpublished.resolve("part-00000.parquet"), List.of(TestPages.row(0)));
        publish("news", "1", 100, 103, null);
        Files.writeString(root.resolve("demo/v1/notes.txt"), "a file in the directory that the manifest does not name");
        writeDelta("demo", 1, "{\"affected_versions\":[{\"files\":[{\"path\":\"part-00000.parquet\",\"row_ids\":[\"%064x\"]}],"
                .formatted(8) + "\"version\":\"1\"}],\"compacted_version\":\"2\",\"dataset\":\"demo\",\"revoked_grants\":[\"grant-8\"],\"sequence\":1}");
    }

    public void publish(String dataset, String version, int from, int to, String supersedes) throws Exception {
        Path dir = root.resolve(dataset).resolve("v" + version);
        WrittenFile file = new ParquetDatasetWriter().write(dir.resolve("part-00000.parquet"),
                IntStream.range(from, to).mapToObj(TestPages::row).toList());
        ManifestSettings settings = ManifestSettings.signedBy(signer)
                .withClock(Clock.fixed(Instant.parse("2026-11-22T22:00:00Z"), ZoneOffset.UTC));
        if (supersedes != null) {
            settings = settings.withSupersedes(supersedes);
        }
        new ManifestPublisher(settings).publish(dir, dataset, version, List.of(file), FILTERS);
    }

    /**
     * A version whose card is {@code card} (for a page test: a hostile card), with a manifest and signature made
     * the way the builder makes them.
     */
    public void publishWithCard(String dataset, String version, String card) throws Exception {
        Path dir = Files.createDirectories(root.resolve(dataset).resolve("v" + version));
        WrittenFile parquet = new ParquetDatasetWriter().write(dir.resolve("part-00000.parquet"),
                IntStream.range(0, 2).mapToObj(TestPages::row).toList());
        byte[] cardBytes = card.getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("README.md"), cardBytes);
        DatasetManifest manifest = new DatasetManifest(dataset, version, Instant.parse("2026-11-22T22:00:00Z"),
                List.of(new ManifestFile("part-00000.parquet", parquet.sha256(), parquet.bytes(), parquet.rows()),
                        new ManifestFile("README.md", DeltaStore.sha256(cardBytes), cardBytes.length, null)),
                "gleaner-document/v3", org.gleaner.builder.parquet.DatasetSchema.SCHEMA.toString(), FILTERS, null,
                ManifestSettings.NO_LEDGER_BASIS, null);
        byte[] json = ManifestJson.encode(manifest);
        Files.write(dir.resolve("manifest.json.sig"), ManifestSignature.sign(manifest, json, signer));
        Files.write(dir.resolve("manifest.json"), json);
    }

    public void writeDelta(String dataset, int sequence, String json) throws IOException {
        Path dir = Files.createDirectories(root.resolve(dataset).resolve("deltas"));
        String name = "delta-%06d.json".formatted(sequence);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve(name + ".sig"), signDelta(dataset, sequence, bytes));
        Files.write(dir.resolve(name), bytes);
    }

    public byte[] signDelta(String dataset, int sequence, byte[] bytes) {
        try {
            return SignedNote.sign("gleaner-dataset-delta/v1\n" + dataset + "/delta-%06d\nsha256:".formatted(sequence)
                    + DeltaStore.sha256(bytes) + "\n", List.of(signer));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
