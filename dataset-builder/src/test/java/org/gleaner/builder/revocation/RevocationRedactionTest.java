package org.gleaner.builder.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.gleaner.builder.manifest.ManifestVerifier;
import org.gleaner.builder.parquet.DatasetSchema;
import org.gleaner.builder.parquet.ParquetOptions;
import org.gleaner.builder.pii.PiiKind;
import org.gleaner.builder.pii.PiiPolicy;
import org.gleaner.builder.version.DatasetVersions;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.note.NoteSigner;
import org.gleaner.protocol.note.SignedNote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A revoked grant under the redact policy: the compacted version keeps the rows with the revoked subject's
 * identifiers replaced by placeholders (read back with parquet-java and DuckDB), deletes the row whose URL names
 * her, and the delta (format v2) says which rows were redacted and which deleted; under the drop policy, or without
 * a consent context, every affected row is deleted (format v1).
 */
class RevocationRedactionTest {
    private final NoteSigner signer;
    private final RedactableDataset data = new RedactableDataset();

    RevocationRedactionTest() throws Exception {
        signer = NoteSigner.of("builder.test", Ed25519KeyPair.generate());
    }

    @TempDir
    Path dir;

    private Path publish(PiiPolicy policy) throws Exception {
        Path dataset = dir.resolve("demo");
        data.publish(dataset.resolve("v1"), "demo", "1", policy, signer);
        return dataset;
    }

    private RevocationOutcome revokeAda(Path dataset) throws IOException {
        return new RevocationProcessor(dataset, signer).process(List.of(RedactableDataset.GRANT_A),
                RedactableDataset.REVOKED_AS_OF, data.afterRevocation());
    }

    @Test
    void underTheRedactPolicyRowsStayWithTheRevokedSubjectsIdentifiersReplaced() throws Exception {
        Path dataset = publish(PiiPolicy.REDACT);
        RevocationOutcome out = revokeAda(dataset);

        DeletionDelta delta = new DeltaVerifier(signer.verifier()).verify(out.deltaFile());
        assertThat(delta.format()).isEqualTo(DeletionDelta.FORMAT_V2);
        assertThat(delta.versions().get(0).files().stream().flatMap(f -> f.redactedRowIds().stream()))
                .containsExactlyInAnyOrder(data.id(0), data.id(1));
        assertThat(delta.versions().get(0).files().stream().flatMap(f -> f.removedRowIds().stream()))
                .as("Ada is in row 2's URL, which cannot be edited; row 4's detectors disagree with its build")
                .containsExactlyInAnyOrder(data.id(2), data.id(4));
        assertThat(out.compactions().get(0).rowsRedacted()).isEqualTo(2);
        assertThat(out.compactions().get(0).rowsRemoved()).isEqualTo(2);

        Path compacted = dataset.resolve("v1-d000001");
        new ManifestVerifier(signer.verifier()).verify(compacted);
        Map<String, Group> rows = readWithParquetJava(compacted);
        assertThat(rows).hasSize(RedactableDataset.ROWS - 2).doesNotContainKey(data.id(2)).doesNotContainKey(data.id(4));

        Group first = rows.get(data.id(0));
        assertThat(first.getString(DatasetSchema.TEXT, 0)).isEqualTo("Write to <EMAIL_ADDRESS> or to "
                + RedactableDataset.BOB + "; not to <EMAIL_ADDRESS>.");
        assertThat(first.getString(DatasetSchema.TITLE, 0)).isEqualTo("Ada (<EMAIL_ADDRESS>)");
        assertThat(GroupRows.stringList(first, DatasetSchema.CONSENT_GRANT_IDS)).containsExactly(RedactableDataset.GRANT_B);
        assertThat(first.getInteger(DatasetSchema.piiColumn(PiiKind.EMAIL_ADDRESS, "found"), 0)).isEqualTo(4);
        assertThat(first.getInteger(DatasetSchema.piiColumn(PiiKind.EMAIL_ADDRESS, "kept"), 0)).isEqualTo(1);
        assertThat(first.getInteger(DatasetSchema.piiColumn(PiiKind.EMAIL_ADDRESS, "redacted"), 0)).isEqualTo(3);
        assertThat(first.getInteger(DatasetSchema.TOKEN_COUNT, 0)).isEqualTo(9);
        Group second = rows.get(data.id(1));
        assertThat(second.getString(DatasetSchema.TEXT, 0)).isEqualTo("Ada's old address was <EMAIL_ADDRESS> until 1843.");
        assertThat(GroupRows.stringList(second, DatasetSchema.CONSENT_GRANT_IDS)).isEmpty();
        Group bob = rows.get(data.id(3));
        assertThat(bob.getString(DatasetSchema.TEXT, 0)).contains(RedactableDataset.BOB);
        assertThat(GroupRows.stringList(bob, DatasetSchema.CONSENT_GRANT_IDS)).containsExactly(RedactableDataset.GRANT_B);
        assertThat(first.getString(DatasetSchema.URL, 0)).isEqualTo(data.rows.get(0).url());
        assertThat(first.getString(DatasetSchema.RECEIPT_SIGNATURE, 0)).isEqualTo(data.rows.get(0).receiptSignature());

        for (Group g : rows.values()) {
            for (String cell : GroupRows.allStrings(g)) {
                assertThat(cell.toLowerCase(Locale.ROOT)).doesNotContain(RedactableDataset.ADA).doesNotContain(RedactableDataset.GRANT_A);
            }
        }
        assertThat(readWithParquetJava(dataset.resolve("v1")).get(data.id(0)).getString(DatasetSchema.TEXT, 0))
                .as("the superseded version is untouched").contains(RedactableDataset.ADA);
    }

    @Test
    void duckDbReadsTheCompactedVersionAndFindsTheIdentifierInNoColumn() throws Exception {
        Path dataset = publish(PiiPolicy.REDACT);
        revokeAda(dataset);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            String files = "read_parquet('" + dataset.resolve("v1-d000001") + "/*.parquet')";
            int rows = 0;
            try (ResultSet rs = st.executeQuery("SELECT * FROM " + files)) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    rows++;
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        String cell = rs.getString(c);
                        assertThat(cell == null ? "" : cell.toLowerCase(Locale.ROOT)).as(meta.getColumnName(c))
                                .doesNotContain(RedactableDataset.ADA);
                    }
                }
            }
            assertThat(rows).isEqualTo(RedactableDataset.ROWS - 2);
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + files + " WHERE list_contains(consent_grant_ids, '"
                    + RedactableDataset.GRANT_A + "')")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
            try (ResultSet rs = st.executeQuery("SELECT text, pii_email_kept, pii_email_redacted FROM " + files
                    + " WHERE id = '" + data.id(0) + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("<EMAIL_ADDRESS>").contains(RedactableDataset.BOB);
                assertThat(rs.getInt(2)).isEqualTo(1);
                assertThat(rs.getInt(3)).isEqualTo(3);
            }
        }
    }

    @Test
    void aLabAppliesTheV2DeltaWithTheDocumentedDuckDbStatement() throws Exception {
        Path dataset = publish(PiiPolicy.REDACT);
        revokeAda(dataset);
        Path applied = dir.resolve("demo-v1-applied.parquet");
        String sql = """
                COPY (
                  WITH affected AS (SELECT unnest(v.files) AS file FROM (
                      SELECT unnest(versions) AS v FROM read_json('demo/deltas/delta-*.json')) WHERE v.version = '1'),
                    redacted AS (SELECT unnest(file.redacted_row_ids) AS id FROM affected),
                    gone AS (SELECT unnest(file.removed_row_ids) AS id FROM affected UNION ALL SELECT id FROM redacted)
                  SELECT * FROM read_parquet('demo/v1/*.parquet') WHERE id NOT IN (SELECT id FROM gone)
                  UNION ALL BY NAME
                  SELECT * FROM read_parquet('demo/v1-d000001/*.parquet') WHERE id IN (SELECT id FROM redacted)
                ) TO 'demo-v1-applied.parquet' (FORMAT parquet, COMPRESSION zstd);
                """;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("SET file_search_path = '" + dir + "'");
            st.execute(sql.replace("TO 'demo-v1-applied.parquet'", "TO '" + applied + "'"));
            assertThat(rowsAsText(st, "read_parquet('" + applied + "')"))
                    .as("the lab's copy equals the builder's compacted version")
                    .isEqualTo(rowsAsText(st, "read_parquet('" + dataset.resolve("v1-d000001") + "/*.parquet')"));
        }
    }

    @Test
    void underTheDropPolicyEveryAffectedRowIsDeletedInAV1Delta() throws Exception {
        Path dataset = publish(PiiPolicy.DROP_DOCUMENT);
        RevocationOutcome out = revokeAda(dataset);
        DeletionDelta delta = new DeltaVerifier(signer.verifier()).verify(out.deltaFile());
        assertThat(delta.format()).isEqualTo(DeletionDelta.FORMAT_V1);
        assertThat(Files.readString(out.deltaFile())).doesNotContain("redacted_row_ids");
        assertThat(delta.versions().get(0).files().stream().flatMap(f -> f.removedRowIds().stream()))
                .containsExactlyInAnyOrder(data.id(0), data.id(1), data.id(2), data.id(4));
        assertThat(readWithParquetJava(dataset.resolve("v1-d000001"))).hasSize(RedactableDataset.ROWS - 4);
    }

    @Test
    void withoutAConsentContextRowsCannotBeReRedactedAndAreDeleted() throws Exception {
        Path dataset = publish(PiiPolicy.REDACT);
        RevocationOutcome out = new RevocationProcessor(dataset, signer).process(List.of(RedactableDataset.GRANT_A),
                RedactableDataset.REVOKED_AS_OF);
        assertThat(out.delta().format()).isEqualTo(DeletionDelta.FORMAT_V1);
        assertThat(out.delta().removedRows()).isEqualTo(4);
        assertThat(out.delta().redactedRows()).isZero();
    }

    @Test
    void aV2DeltaSignedUnderTheV1HeaderIsRefused() throws Exception {
        Path dataset = publish(PiiPolicy.REDACT);
        RevocationOutcome out = revokeAda(dataset);
        byte[] json = Files.readAllBytes(out.deltaFile());
        byte[] forged = SignedNote.sign(DeltaSignature.noteText(DeletionDelta.FORMAT_V1, "demo", 1, json), List.of(signer));
        Files.write(DeletionDelta.signaturePath(out.deltaFile()), forged);
        assertThatThrownBy(() -> new DeltaVerifier(signer.verifier()).verify(out.deltaFile()))
                .isInstanceOf(DeltaException.class).hasMessageContaining("another delta");
        String asV1 = new String(json, java.nio.charset.StandardCharsets.UTF_8)
                .replace(DeletionDelta.FORMAT_V2, DeletionDelta.FORMAT_V1);
        assertThatThrownBy(() -> DeltaJson.decode(asV1.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(DeltaException.class);
    }

    private static final class Crash extends IOException {
        Crash(PublishStep step) {
            super("crash after " + step);
        }
    }

    @ParameterizedTest
    @EnumSource(PublishStep.class)
    void aCrashAfterAnyStepOfARedactingCompactionLeavesExactlyOneConsistentVersion(PublishStep crashAfter) throws Exception {
        Path dataset = publish(PiiPolicy.REDACT);
        RevocationProcessor crashing = new RevocationProcessor(dataset, signer, Clock.systemUTC(), ParquetOptions.DEFAULTS,
                step -> {
                    if (step == crashAfter) {
                        throw new Crash(step);
                    }
                });
        assertThatThrownBy(() -> crashing.process(List.of(RedactableDataset.GRANT_A), RedactableDataset.REVOKED_AS_OF,
                data.afterRevocation())).isInstanceOf(Crash.class);

        new RevocationProcessor(dataset, signer).recover();
        boolean committed = crashAfter.compareTo(PublishStep.DELTA_COMMITTED) >= 0;
        assertThat(DatasetVersions.live(dataset)).extracting(DatasetVersions.Version::name)
                .containsExactly(committed ? "1-d000001" : "1");

        RevocationOutcome rerun = revokeAda(dataset);
        assertThat(rerun.published()).as("a rerun publishes only what the crash left undone").isEqualTo(!committed);
        assertThat(DatasetVersions.live(dataset)).extracting(DatasetVersions.Version::name).containsExactly("1-d000001");
        assertThat(DatasetVersions.list(dataset)).extracting(DatasetVersions.Version::name).containsExactly("1", "1-d000001");
        try (Stream<Path> deltas = Files.list(dataset.resolve(DeletionDelta.DIR_NAME))) {
            assertThat(deltas.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("delta-000001.json", "delta-000001.json.sig");
        }
        DeletionDelta delta = new DeltaVerifier(signer.verifier()).verify(DeletionDelta.deltaPath(dataset, 1));
        assertThat(delta.redactedRows()).isEqualTo(2);
        new ManifestVerifier(signer.verifier()).verify(dataset.resolve("v1-d000001"));
        Map<String, Group> rows = readWithParquetJava(dataset.resolve("v1-d000001"));
        assertThat(rows).hasSize(RedactableDataset.ROWS - 2);
        assertThat(rows.get(data.id(0)).getString(DatasetSchema.TEXT, 0)).doesNotContain(RedactableDataset.ADA);
    }

    static Map<String, Group> readWithParquetJava(Path versionDir) throws IOException {
        Map<String, Group> rows = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(versionDir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
        }
        for (Path file : files) {
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                MessageType schema = reader.getFooter().getFileMetaData().getSchema();
                PageReadStore group;
                while ((group = reader.readNextRowGroup()) != null) {
                    RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                            .getRecordReader(group, new GroupRecordConverter(schema));
                    for (long i = 0; i < group.getRowCount(); i++) {
                        Group row = records.read();
                        assertThat(rows.put(row.getString(DatasetSchema.ID, 0), row)).as("one row per id").isNull();
                    }
                }
            }
        }
        return rows;
    }

    private static List<String> rowsAsText(Statement st, String source) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT id, text, title, array_to_string(consent_grant_ids, ','), "
                + "pii_email_kept, pii_email_redacted, token_count FROM " + source + " ORDER BY id")) {
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int c = 1; c <= 7; c++) {
                    sb.append(rs.getString(c)).append('|');
                }
                rows.add(sb.toString());
            }
        }
        return rows;
    }
}
