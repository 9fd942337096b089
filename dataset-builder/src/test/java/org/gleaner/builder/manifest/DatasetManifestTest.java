package org.gleaner.builder.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gleaner.builder.language.LanguageSettings;
import org.gleaner.builder.quality.QualityThresholds;
import org.junit.jupiter.api.Test;

class DatasetManifestTest {
    private static final String HASH = "ab".repeat(32);

    static DatasetManifest sample(LedgerCheckpoint checkpoint) {
        return new DatasetManifest("demo", "2", Instant.parse("2026-11-22T22:30:00.987Z"),
                List.of(new ManifestFile("part-00000.parquet", HASH, 1234, 17L), new ManifestFile("README.md", HASH, 99, null)),
                "gleaner-document/v2", "message gleaner_document {\n  required binary id (STRING);\n}\n",
                BuildFilters.describe("MainTextExtractor", "lingua", LanguageSettings.defaults(),
                        QualityThresholds.defaults(), "gleaner.test/devnet"),
                checkpoint, "basis ü", "1");
    }

    @Test
    void roundTripsAndEncodesOneWay() throws Exception {
        DatasetManifest manifest = sample(new LedgerCheckpoint("gleaner.test/ledger", 42, HASH));
        byte[] bytes = ManifestJson.encode(manifest);

        DatasetManifest decoded = ManifestJson.decode(bytes);

        assertThat(decoded).isEqualTo(manifest);
        assertThat(ManifestJson.encode(decoded)).isEqualTo(bytes);
        assertThat(ManifestJson.encode(sample(new LedgerCheckpoint("gleaner.test/ledger", 42, HASH)))).isEqualTo(bytes);
        assertThat(decoded.createdAt()).isEqualTo(Instant.parse("2026-11-22T22:30:00Z"));
        assertThat(decoded.rows()).isEqualTo(17);
    }

    @Test
    void canonicalFormSortsKeysAndHasNoFloatsOrWhiteSpace() {
        String json = new String(ManifestJson.encode(sample(null)), StandardCharsets.UTF_8);

        assertThat(json).startsWith("{\"checkpoint\":null,\"consent_basis\":\"basis ü\",\"created_at\":\"2026-11-22T22:30:00Z\","
                + "\"dataset\":\"demo\",\"files\":[{\"bytes\":1234,\"path\":\"part-00000.parquet\",\"rows\":17,");
        assertThat(json).contains("\"rows\":null", "\"min_score\":\"0.5\"", "\"supersedes\":\"1\"",
                "\"format\":\"gleaner-dataset-manifest/v1\"", "\"shingle_words\":5");
        assertThat(json).doesNotContain("\": ", "\n  ", ", \"").doesNotContainPattern("[:\\[,]-?[0-9]+\\.[0-9]");
    }

    @Test
    void decodeRejectsNonCanonicalMalformedAndOversizedInput() {
        String json = new String(ManifestJson.encode(sample(null)), StandardCharsets.UTF_8);

        assertMalformed(json.replace("{\"checkpoint\":null,", "{\"checkpoint\": null,"));
        assertMalformed(json.replace("\"bytes\":1234", "\"bytes\":1234.0"));
        assertMalformed(json.replace("\"min_score\":\"0.5\"", "\"min_score\":0.5"));
        assertMalformed(json.replace("{\"checkpoint\":null,", "{\"checkpoint\":null,\"checkpoint\":null,"));
        assertMalformed(json.replace("{\"checkpoint\":null,", "{\"checkpoint\":null,\"extra\":1,"));
        assertMalformed(json.replace("part-00000.parquet", "../etc/passwd"));
        assertMalformed(json.replace("\"bytes\":1234", "\"bytes\":-1"));
        assertMalformed(json.substring(0, json.length() - 1));
        assertMalformed("[]");
        assertThatThrownBy(() -> ManifestJson.decode(new byte[ManifestJson.MAX_BYTES + 1]))
                .isInstanceOfSatisfying(ManifestException.class,
                        e -> assertThat(e.reason()).isEqualTo(ManifestException.Reason.MALFORMED));
    }

    @Test
    void filtersRefuseFloats() {
        assertThatThrownBy(() -> new DatasetManifest("demo", "1", Instant.EPOCH,
                List.of(new ManifestFile("a.parquet", HASH, 1, 1L)), "s", "m", Map.of("x", 0.5), null, "b", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no floats");
    }

    private static void assertMalformed(String json) {
        assertThatThrownBy(() -> ManifestJson.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ManifestException.class,
                        e -> assertThat(e.reason()).isEqualTo(ManifestException.Reason.MALFORMED));
    }
}
