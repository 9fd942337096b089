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
import org.gleaner.builder.manifest.LedgerCheckpoint;
import org.gleaner.builder.manifest.ManifestFile;
import org.gleaner.builder.manifest.ManifestJson;
import org.gleaner.builder.manifest.ManifestSignature;
import org.gleaner.builder.manifest.ManifestPublisher;
import org.gleaner.builder.manifest.ManifestSettings;
import org.gleaner.builder.parquet.ParquetDatasetWriter;
import org.gleaner.builder.parquet.WrittenFile;
import org.gleaner.builder.quality.QualityThresholds;
import org.gleaner.builder.revocation.RevocationOutcome;
import org.gleaner.builder.revocation.PublishedDataset;
import org.gleaner.builder.revocation.RevocationProcessor;
import org.gleaner.builder.row.DatasetRow;
import org.gleaner.builder.testing.TestPages;
import org.gleaner.protocol.note.NoteSigner;
import org.gleaner.protocol.note.SignedNote;

/**
 * A real datasets root, written by the builder's own Parquet writer and manifest publisher:
 * {@code demo/v1} (10 rows), {@code demo/v2} (6 rows), {@code demo/v3} being written (no manifest),
 * {@code news/v1} (3 rows); grant ids are {@code grant("grant-N")}; then the builder's own
 * {@link RevocationProcessor} revokes {@code grant("grant-8")} (row 8 of demo/v1 carries it): it writes the signed deletion delta {@code demo/deltas/delta-000001.json}, the compacted
 * version {@code demo/v1-d000001} (9 rows) and {@code demo/v1/superseded.json}.
 */
public final class TestDatasets {
    static final Map<String, Object> FILTERS = BuildFilters.describe("MainTextExtractor", "lingua",
            LanguageSettings.defaults(), QualityThresholds.defaults(), null);

    private final Path root;
    private final NoteSigner signer;

    public static TestDatasets publish(Path root) throws Exception {
        return new TestDatasets(root);
    }

    static final LedgerCheckpoint CHECKPOINT = new LedgerCheckpoint("gleaner.test/ledger", 10, "ab".repeat(32));

    public NoteSigner signer() {
        return signer;
    }

    private TestDatasets(Path root) throws Exception {
        this.root = root;
        this.signer = NoteSigner.generate("gleaner.test/builder");
        publish("demo", "1", 0, 10, null);
        publish("demo", "2", 0, 6, "1");
        Path unpublished = root.resolve("demo/v3");
        new ParquetDatasetWriter().write(unpublished.resolve("part-00000.parquet"), List.of(TestPages.row(0)));
        publish("news", "1", 100, 103, null);
        Files.writeString(root.resolve("demo/v1/notes.txt"), "a file in the directory that the manifest does not name");
        revoke("demo", grant("grant-8"));
    }

    /** A real-shaped grant id (64 hex digits) for a readable name, as the rows of these datasets carry. */
    public static String grant(String name) {
        return PublishedDataset.hex(name);
    }

    /** {@link TestPages#row} with its grant ids made real-shaped by {@link #grant}. */
    static DatasetRow row(int i) {
        DatasetRow r = TestPages.row(i);
        return new DatasetRow(r.id(), r.text(), r.url(), r.host(), r.title(), r.language(), r.languageScore(),
                r.fetchedAt(), r.contentSha256(), r.tokenCount(), r.pii(), r.consentGrantIds().stream().map(TestDatasets::grant).toList(),
                r.licence(), r.nodeId(), r.leaseId(), r.receiptSignature(), r.finalUrl(), r.httpStatus(), r.bodyBytes(),
                r.receiptNonce(), r.qualityFlags(), r.quality());
    }

    /** Revokes {@code grant} in {@code dataset} the way {@code gleaner builder serve} does, publishing the next delta. */
    public RevocationOutcome revoke(String dataset, String grant) throws IOException {
        return new RevocationProcessor(root.resolve(dataset), signer)
                .process(List.of(grant), CHECKPOINT);
    }

    public void publish(String dataset, String version, int from, int to, String supersedes) throws Exception {
        Path dir = root.resolve(dataset).resolve("v" + version);
        WrittenFile file = new ParquetDatasetWriter().write(dir.resolve("part-00000.parquet"),
                IntStream.range(from, to).mapToObj(TestDatasets::row).toList());
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
}
