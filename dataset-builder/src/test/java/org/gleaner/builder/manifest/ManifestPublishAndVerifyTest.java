package org.gleaner.builder.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.gleaner.builder.language.LanguageSettings;
import org.gleaner.builder.parquet.ParquetDatasetWriter;
import org.gleaner.builder.parquet.WrittenFile;
import org.gleaner.builder.quality.QualityThresholds;
import org.gleaner.builder.row.DatasetRow;
import org.gleaner.builder.testing.TestPages;
import org.gleaner.protocol.note.NoteSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class ManifestPublishAndVerifyTest {
    private static final int ROWS = 25;
    private static final Map<String, Object> FILTERS = BuildFilters.describe("MainTextExtractor", "lingua",
            LanguageSettings.defaults(), QualityThresholds.defaults(), null);

    @TempDir
    Path out;
    private Path dir;
    private NoteSigner signer;
    private PublishedManifest published;

    @BeforeEach
    void publish() throws Exception {
        dir = out.resolve("demo/v2");
        signer = NoteSigner.generate("gleaner.test/builder");
        List<DatasetRow> rows = IntStream.range(0, ROWS).mapToObj(TestPages::row).toList();
        WrittenFile file = new ParquetDatasetWriter().write(dir.resolve("part-00000.parquet"), rows);
        ManifestSettings settings = ManifestSettings.signedBy(signer).withSupersedes("1")
                .withClock(Clock.fixed(Instant.parse("2026-11-22T22:00:00Z"), ZoneOffset.UTC));
        published = new ManifestPublisher(settings).publish(dir, "demo", "2", List.of(file), FILTERS);
    }

    @Test
    void writesCardSignatureAndManifestThatVerify() throws Exception {
        assertThat(listNames()).containsExactlyInAnyOrder("part-00000.parquet", "README.md", "manifest.json",
                "manifest.json.sig");
        List<String> progress = new ArrayList<>();

        DatasetManifest verified = new ManifestVerifier(signer.verifier()).verify(dir, progress::add);

        assertThat(verified).isEqualTo(published.manifest());
        assertThat(verified.rows()).isEqualTo(ROWS);
        assertThat(verified.files()).extracting(ManifestFile::path).containsExactly("part-00000.parquet", "README.md");
        assertThat(progress).containsExactly("part-00000.parquet", "README.md");
        assertThat(verified.checkpoint()).isNull();
        assertThat(verified.consentBasis()).isEqualTo(ManifestSettings.NO_LEDGER_BASIS);
        assertThat(verified.supersedes()).isEqualTo("1");
        assertThat(verified.schemaMessageType()).contains("required binary text (STRING)");
        String sig = Files.readString(dir.resolve("manifest.json.sig"));
        assertThat(sig).startsWith("gleaner-dataset-manifest/v1\ndemo/v2\nsha256:").contains("\n\u2014 gleaner.test/builder ");
    }

    @Test
    void aTamperedParquetByteFailsVerification() throws Exception {
        Path parquet = dir.resolve("part-00000.parquet");
        byte[] bytes = Files.readAllBytes(parquet);
        bytes[bytes.length / 2] ^= 1;
        Files.write(parquet, bytes);

        assertReason(signer, ManifestException.Reason.FILE_MISMATCH, "part-00000.parquet has SHA-256");
    }

    @Test
    void aTamperedOrTruncatedCardFailsVerification() throws Exception {
        Files.writeString(dir.resolve("README.md"), "---\nlicense: mit\n---\n");

        assertReason(signer, ManifestException.Reason.FILE_MISMATCH, "README.md has");
    }

    @Test
    void aMissingDataFileFailsVerification() throws Exception {
        Files.delete(dir.resolve("part-00000.parquet"));

        assertReason(signer, ManifestException.Reason.FILE_MISMATCH, "missing");
    }

    @Test
    void aTamperedManifestFailsVerification() throws Exception {
        Path manifest = dir.resolve("manifest.json");
        String json = Files.readString(manifest);
        // Still canonical JSON, so only the signature can catch it.
        Files.writeString(manifest, json.replace("\"rows\":" + ROWS, "\"rows\":" + (ROWS + 1)));

        assertReason(signer, ManifestException.Reason.BAD_SIGNATURE, "another manifest");
    }

    @Test
    void anotherKeyOrAMissingSignatureFailsVerification() throws Exception {
        assertReason(NoteSigner.generate("gleaner.test/builder"), ManifestException.Reason.BAD_SIGNATURE, "");
        assertReason(NoteSigner.generate("gleaner.test/other"), ManifestException.Reason.BAD_SIGNATURE, "");

        Files.delete(dir.resolve("manifest.json.sig"));
        assertReason(signer, ManifestException.Reason.MISSING, "manifest.json.sig");
    }

    @Test
    void aSignatureMovedFromAnotherVersionFailsVerification() throws Exception {
        Path v3 = out.resolve("demo/v3");
        WrittenFile file = new ParquetDatasetWriter().write(v3.resolve("part-00000.parquet"),
                List.of(TestPages.row(1)));
        new ManifestPublisher(ManifestSettings.signedBy(signer)).publish(v3, "demo", "3", List.of(file), FILTERS);
        Files.copy(v3.resolve("manifest.json.sig"), dir.resolve("manifest.json.sig"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertReason(signer, ManifestException.Reason.BAD_SIGNATURE, "another manifest");
    }

    @Test
    void cardHasYamlFrontMatterWithFiguresFromTheRows() throws Exception {
        String card = Files.readString(dir.resolve("README.md"), StandardCharsets.UTF_8);
        assertThat(card).startsWith("---\n");
        int end = card.indexOf("\n---\n", 4);
        assertThat(end).isPositive();
        Map<String, Object> front = new Yaml(new SafeConstructor(new LoaderOptions())).load(card.substring(4, end));

        assertThat(front).containsEntry("pretty_name", "demo v2").containsEntry("license", "other")
                .containsEntry("language", List.of("en")).containsEntry("task_categories", List.of("text-generation"))
                .containsEntry("size_categories", List.of("n<1K"));
        assertThat(front.get("configs")).isEqualTo(List.of(Map.of("config_name", "default",
                "data_files", List.of(Map.of("split", "train", "path", List.of("part-00000.parquet"))))));
        String body = card.substring(end);
        // TestPages.row: even rows are "en", odd rows have no language.
        assertThat(body).contains(ROWS + " rows in 1 Parquet file(s)", "| en | 13 |", "| und | 12 |",
                "supersedes v1", "Consent ledger checkpoint: none.", "`consent_grant_ids`",
                "gleaner datasets verify");
    }

    @Test
    void sizeCategoriesFollowTheHubBuckets() {
        assertThat(DatasetCard.sizeCategory(0)).isEqualTo("n<1K");
        assertThat(DatasetCard.sizeCategory(999)).isEqualTo("n<1K");
        assertThat(DatasetCard.sizeCategory(1_000)).isEqualTo("1K<n<10K");
        assertThat(DatasetCard.sizeCategory(123_456)).isEqualTo("100K<n<1M");
        assertThat(DatasetCard.sizeCategory(2_000_000_000L)).isEqualTo("1B<n<10B");
    }

    private void assertReason(NoteSigner key, ManifestException.Reason reason, String message) {
        assertThatThrownBy(() -> new ManifestVerifier(key.verifier()).verify(dir))
                .isInstanceOfSatisfying(ManifestException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    private List<String> listNames() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
