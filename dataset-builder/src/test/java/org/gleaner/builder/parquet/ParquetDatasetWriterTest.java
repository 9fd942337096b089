package org.gleaner.builder.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.gleaner.builder.pii.PiiCounts;
import org.gleaner.builder.pii.PiiKind;
import org.gleaner.builder.quality.QualitySignals;
import org.gleaner.builder.row.DatasetRow;
import org.gleaner.builder.testing.TestPages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetDatasetWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesEveryColumnAndReadsBackWithParquetJava() throws Exception {
        List<DatasetRow> rows = IntStream.range(0, 25).mapToObj(TestPages::row).toList();
        Path target = dir.resolve("ds/v1/part-00000.parquet");

        WrittenFile written = new ParquetDatasetWriter().write(target, rows);

        assertThat(written.path()).isEqualTo(target.toAbsolutePath());
        assertThat(written.rows()).isEqualTo(25);
        assertThat(written.bytes()).isEqualTo(Files.size(target));
        assertThat(written.sha256()).isEqualTo(sha256(target));
        assertThat(readAll(target)).containsExactlyElementsOf(rows);
    }

    @Test
    void footerHasZstdOnEveryColumnChunkAndTheDeclaredSchema() throws Exception {
        Path target = dir.resolve("part-00000.parquet");
        new ParquetDatasetWriter().write(target, IntStream.range(0, 10).mapToObj(TestPages::row).toList());

        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(target))) {
            ParquetMetadata footer = reader.getFooter();
            MessageType schema = footer.getFileMetaData().getSchema();
            assertThat(schema).isEqualTo(DatasetSchema.SCHEMA);
            assertThat(footer.getFileMetaData().getKeyValueMetaData())
                    .containsEntry(DatasetSchema.VERSION_KEY, DatasetSchema.VERSION);
            assertThat(footer.getBlocks()).isNotEmpty();
            for (BlockMetaData block : footer.getBlocks()) {
                assertThat(block.getColumns()).hasSize(DatasetSchema.SCHEMA.getColumns().size());
                for (ColumnChunkMetaData column : block.getColumns()) {
                    assertThat(column.getCodec()).as(column.getPath().toDotString()).isEqualTo(CompressionCodecName.ZSTD);
                }
            }
            LogicalTypeAnnotation ts = schema.getType(DatasetSchema.FETCHED_AT).getLogicalTypeAnnotation();
            assertThat(ts).isInstanceOf(TimestampLogicalTypeAnnotation.class);
            assertThat(((TimestampLogicalTypeAnnotation) ts).isAdjustedToUTC()).isTrue();
            assertThat(((TimestampLogicalTypeAnnotation) ts).getUnit()).isEqualTo(LogicalTypeAnnotation.TimeUnit.MILLIS);
            assertThat(schema.getType(DatasetSchema.CONSENT_GRANT_IDS).getLogicalTypeAnnotation())
                    .isEqualTo(LogicalTypeAnnotation.listType());
            assertThat(schema.getColumnDescription(new String[] {DatasetSchema.CONSENT_GRANT_IDS, "list", "element"}))
                    .isNotNull();
        }
    }

    @Test
    void rowGroupSizeIsConfigurable() throws Exception {
        List<DatasetRow> rows = IntStream.range(0, 3000).mapToObj(TestPages::row).toList();
        Path small = dir.resolve("small/part-00000.parquet");
        Path large = dir.resolve("large/part-00000.parquet");

        new ParquetDatasetWriter(ParquetOptions.DEFAULTS.withRowGroupSizeBytes(64 * 1024).withPageSizeBytes(8 * 1024))
                .write(small, rows);
        new ParquetDatasetWriter().write(large, rows);

        assertThat(blocks(small)).hasSizeGreaterThan(1);
        assertThat(blocks(large)).hasSize(1);
        assertThat(blocks(small).stream().mapToLong(BlockMetaData::getRowCount).sum()).isEqualTo(3000);
        assertThat(readAll(small)).containsExactlyElementsOf(rows);
    }

    @Test
    void publishLeavesOnlyTheFinalFileNoTempNoCrc() throws Exception {
        Path target = dir.resolve("ds/v1/part-00000.parquet");
        try (PendingParquetFile file = new ParquetDatasetWriter().open(target)) {
            file.write(TestPages.row(0));
            assertThat(Files.exists(target)).isFalse();
            assertThat(listing(target.getParent())).singleElement()
                    .satisfies(name -> assertThat(name).startsWith(".part-00000.parquet.").endsWith(".tmp"));
            file.publish();
        }
        assertThat(listing(target.getParent())).containsExactly("part-00000.parquet");
        assertThat(listing(dir)).containsExactly("ds");
    }

    @Test
    void abandonedFileLeavesNothing() throws Exception {
        Path target = dir.resolve("v1/part-00000.parquet");
        try (PendingParquetFile file = new ParquetDatasetWriter().open(target)) {
            file.write(TestPages.row(0));
        }
        assertThat(listing(target.getParent())).isEmpty();
    }

    @Test
    void refusesToReplaceAPublishedFile() throws Exception {
        Path target = dir.resolve("part-00000.parquet");
        new ParquetDatasetWriter().write(target, List.of(TestPages.row(0)));
        byte[] before = Files.readAllBytes(target);

        assertThatThrownBy(() -> new ParquetDatasetWriter().write(target, List.of(TestPages.row(1))))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(target)).isEqualTo(before);
        assertThat(listing(dir)).containsExactly("part-00000.parquet");
    }

    @Test
    void aFileWithNoRowsIsStillValid() throws Exception {
        Path target = dir.resolve("empty.parquet");
        WrittenFile written = new ParquetDatasetWriter().write(target, List.of());

        assertThat(written.rows()).isZero();
        assertThat(readAll(target)).isEmpty();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(target))) {
            assertThat(reader.getFooter().getFileMetaData().getSchema()).isEqualTo(DatasetSchema.SCHEMA);
        }
    }

    @Test
    void writesWithoutHadoopHomeAndLeavesNoCrcSideFiles() throws Exception {
        assumeTrue(System.getenv("HADOOP_HOME") == null && System.getProperty("hadoop.home.dir") == null,
                "only meaningful without a Hadoop installation");
        Path target = dir.resolve("ds/v1/part-00000.parquet");
        new ParquetDatasetWriter().write(target, IntStream.range(0, 5).mapToObj(TestPages::row).toList());

        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()))
                    .containsExactly("ds/v1/part-00000.parquet".replace('/', java.io.File.separatorChar));
        }
    }

    static List<BlockMetaData> blocks(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getFooter().getBlocks();
        }
    }

    /** Reads a dataset file with parquet-java's example Group API and maps each record back to a row. */
    static List<DatasetRow> readAll(Path file) throws IOException {
        List<DatasetRow> out = new ArrayList<>();
        try (ParquetReader<Group> reader = new ParquetReader.Builder<Group>(new LocalInputFile(file)) {
            @Override
            protected ReadSupport<Group> getReadSupport() {
                return new GroupReadSupport();
            }
        }.build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                out.add(toRow(g));
            }
        }
        return out;
    }

    private static DatasetRow toRow(Group g) {
        Group list = g.getGroup(DatasetSchema.CONSENT_GRANT_IDS, 0);
        List<String> grants = new ArrayList<>();
        for (int i = 0; i < list.getFieldRepetitionCount(DatasetSchema.LIST); i++) {
            grants.add(list.getGroup(DatasetSchema.LIST, i).getString(DatasetSchema.ELEMENT, 0));
        }
        return new DatasetRow(
                g.getString(DatasetSchema.ID, 0),
                g.getString(DatasetSchema.TEXT, 0),
                g.getString(DatasetSchema.URL, 0),
                g.getString(DatasetSchema.HOST, 0),
                optionalString(g, DatasetSchema.TITLE),
                optionalString(g, DatasetSchema.LANGUAGE),
                g.getFieldRepetitionCount(DatasetSchema.LANGUAGE_SCORE) == 0 ? null : g.getDouble(DatasetSchema.LANGUAGE_SCORE, 0),
                java.time.Instant.ofEpochMilli(g.getLong(DatasetSchema.FETCHED_AT, 0)),
                g.getString(DatasetSchema.CONTENT_SHA256, 0),
                g.getInteger(DatasetSchema.TOKEN_COUNT, 0),
                piiCounts(g),
                grants,
                optionalString(g, DatasetSchema.LICENCE),
                g.getString(DatasetSchema.NODE_ID, 0),
                g.getString(DatasetSchema.LEASE_ID, 0),
                g.getString(DatasetSchema.RECEIPT_SIGNATURE, 0),
                g.getString(DatasetSchema.FINAL_URL, 0),
                g.getInteger(DatasetSchema.HTTP_STATUS, 0),
                g.getLong(DatasetSchema.BODY_BYTES, 0),
                g.getString(DatasetSchema.RECEIPT_NONCE, 0),
                stringList(g, DatasetSchema.QUALITY_FLAGS),
                QualitySignals.of(QualitySignals.NAMES.stream()
                        .mapToDouble(n -> g.getDouble(DatasetSchema.QUALITY_PREFIX + n, 0)).toArray()));
    }

    private static PiiCounts piiCounts(Group g) {
        int n = PiiKind.values().length;
        int[] found = new int[n];
        int[] kept = new int[n];
        int[] redacted = new int[n];
        for (PiiKind k : PiiKind.values()) {
            found[k.ordinal()] = g.getInteger(DatasetSchema.piiColumn(k, "found"), 0);
            kept[k.ordinal()] = g.getInteger(DatasetSchema.piiColumn(k, "kept"), 0);
            redacted[k.ordinal()] = g.getInteger(DatasetSchema.piiColumn(k, "redacted"), 0);
        }
        return PiiCounts.of(found, kept, redacted);
    }

    private static List<String> stringList(Group g, String field) {
        Group list = g.getGroup(field, 0);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < list.getFieldRepetitionCount(DatasetSchema.LIST); i++) {
            values.add(list.getGroup(DatasetSchema.LIST, i).getString(DatasetSchema.ELEMENT, 0));
        }
        return values;
    }

    private static String optionalString(Group g, String field) {
        return g.getFieldRepetitionCount(field) == 0 ? null : g.getString(field, 0);
    }

    static List<String> listing(Path directory) throws IOException {
        try (Stream<Path> s = Files.list(directory)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
