package org.gleaner.builder.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.gleaner.builder.row.DatasetRow;
import org.gleaner.builder.testing.TestPages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB, a reader no one here wrote, reads the files as they are. */
class DuckDbReadTest {
    @TempDir
    Path dir;
    Path file;
    List<DatasetRow> rows;

    @BeforeEach
    void write() throws Exception {
        rows = IntStream.range(0, 40).mapToObj(TestPages::row).toList();
        file = dir.resolve("demo/v1/part-00000.parquet");
        new ParquetDatasetWriter(ParquetOptions.DEFAULTS.withRowGroupSizeBytes(16 * 1024)).write(file, rows);
    }

    private String source() {
        return "read_parquet('" + file.toAbsolutePath().toString().replace("'", "''") + "')";
    }

    @Test
    void countsRowsAndDistinctUrls() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT url), count(title), count(language_score), "
                        + "sum(token_count), count(licence) FROM " + source())) {
            assertThat(r.next()).isTrue();
            assertThat(r.getLong(1)).isEqualTo(40);
            assertThat(r.getLong(2)).isEqualTo(40);
            assertThat(r.getLong(3)).isEqualTo(20);
            assertThat(r.getLong(4)).isEqualTo(20);
            assertThat(r.getLong(5)).isEqualTo(rows.stream().mapToLong(DatasetRow::tokenCount).sum());
            assertThat(r.getLong(6)).isEqualTo(20);
        }
    }

    @Test
    void columnTypesAreWhatReadersExpect() throws Exception {
        Map<String, String> types = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + source())) {
            while (r.next()) {
                types.put(r.getString("column_name"), r.getString("column_type"));
            }
        }
        types.keySet().removeIf(name -> name.startsWith("q_") && !name.equals("q_word_count")
                || name.startsWith("pii_") && !name.startsWith("pii_email_"));
        assertThat(types).containsExactly(
                entry("id", "VARCHAR"),
                entry("text", "VARCHAR"),
                entry("url", "VARCHAR"),
                entry("host", "VARCHAR"),
                entry("title", "VARCHAR"),
                entry("language", "VARCHAR"),
                entry("language_score", "DOUBLE"),
                // TIMESTAMP(MILLIS, isAdjustedToUTC=true) is an instant: DuckDB's TIMESTAMPTZ.
                entry("fetched_at", "TIMESTAMP WITH TIME ZONE"),
                entry("content_sha256", "VARCHAR"),
                entry("token_count", "INTEGER"),
                entry("pii_email_found", "INTEGER"),
                entry("pii_email_kept", "INTEGER"),
                entry("pii_email_redacted", "INTEGER"),
                entry("consent_grant_ids", "VARCHAR[]"),
                entry("licence", "VARCHAR"),
                entry("node_id", "VARCHAR"),
                entry("lease_id", "VARCHAR"),
                entry("receipt_signature", "VARCHAR"),
                entry("final_url", "VARCHAR"),
                entry("http_status", "INTEGER"),
                entry("body_bytes", "BIGINT"),
                entry("receipt_nonce", "VARCHAR"),
                entry("quality_flags", "VARCHAR[]"),
                entry("q_word_count", "DOUBLE"));
    }

    @Test
    void valuesRoundTrip() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id, text, epoch_ms(fetched_at), len(consent_grant_ids), "
                        + "list_contains(consent_grant_ids, 'grant-x'), consent_grant_ids[1], title, language_score, "
                        + "http_status, body_bytes, CAST(fetched_at AT TIME ZONE 'UTC' AS VARCHAR) FROM " + source()
                        + " ORDER BY body_bytes")) {
            List<String> seen = new ArrayList<>();
            int i = 0;
            while (r.next()) {
                DatasetRow expected = rows.get(i);
                assertThat(r.getString(1)).isEqualTo(expected.id());
                assertThat(r.getString(2)).isEqualTo(expected.text());
                assertThat(r.getLong(3)).isEqualTo(expected.fetchedAt().toEpochMilli());
                assertThat(r.getInt(4)).isEqualTo(expected.consentGrantIds().size());
                assertThat(r.getBoolean(5)).isEqualTo(!expected.consentGrantIds().isEmpty());
                assertThat(r.getString(6)).isEqualTo(expected.consentGrantIds().isEmpty() ? null : expected.consentGrantIds().get(0));
                assertThat(r.getString(7)).isEqualTo(expected.title());
                assertThat(r.getObject(8)).isEqualTo(expected.languageScore());
                assertThat(r.getInt(9)).isEqualTo(expected.httpStatus());
                assertThat(r.getLong(10)).isEqualTo(expected.bodyBytes());
                seen.add(r.getString(11));
                i++;
            }
            assertThat(i).isEqualTo(rows.size());
            // 1_763_800_000_123 ms after the epoch, in UTC.
            assertThat(seen.get(0)).isEqualTo("2025-11-22 08:26:40.123");
        }
    }

    @Test
    void everyColumnChunkIsZstdAccordingToDuckDb() throws Exception {
        String metadata = "parquet_metadata('" + file.toAbsolutePath().toString().replace("'", "''") + "')";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT DISTINCT compression FROM " + metadata)) {
            List<String> codecs = new ArrayList<>();
            while (r.next()) {
                codecs.add(r.getString(1));
            }
            assertThat(codecs).containsExactly("ZSTD");
        }
    }
}
