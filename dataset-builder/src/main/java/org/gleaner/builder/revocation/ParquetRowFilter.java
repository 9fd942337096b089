package org.gleaner.builder.revocation;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.codec.ZstandardCodec;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.gleaner.builder.parquet.DatasetSchema;
import org.gleaner.builder.parquet.ParquetOptions;
import org.gleaner.protocol.io.AtomicFiles;

/**
 * Rewrites a published data file without some rows: every other row is copied column for column in the source's
 * own schema (whatever its schema version), with the source's {@code gleaner.*} footer metadata, zstd, and
 * published atomically under the target name.
 */
public final class ParquetRowFilter {
    private final ParquetOptions options;

    public ParquetRowFilter(ParquetOptions options) {
        this.options = options;
    }

    /** The rows kept and the ids actually removed. */
    public record Filtered(long rowsBefore, long rowsAfter) {
    }

    public Filtered rewrite(Path source, Path target, Set<String> removeIds) throws IOException {
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "a published file is never replaced");
        }
        AtomicFiles.deleteStaleTemporaries(target);
        Path temp = AtomicFiles.temporarySibling(target);
        long before = 0;
        long after = 0;
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(source))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            Map<String, String> metadata = new TreeMap<>();
            reader.getFooter().getFileMetaData().getKeyValueMetaData().forEach((k, v) -> {
                if (k.startsWith("gleaner.")) {
                    metadata.put(k, v);
                }
            });
            Configuration conf = new Configuration(false);
            conf.setInt(ZstandardCodec.PARQUET_COMPRESS_ZSTD_LEVEL, options.zstdLevel());
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(temp))
                    .withConf(conf).withType(schema).withExtraMetaData(metadata)
                    .withWriteMode(ParquetFileWriter.Mode.CREATE).withCompressionCodec(CompressionCodecName.ZSTD)
                    .withRowGroupSize(options.rowGroupSizeBytes()).withPageSize(options.pageSizeBytes())
                    .withDictionaryEncoding(true).withPageWriteChecksumEnabled(true).build()) {
                PageReadStore rowGroup;
                while ((rowGroup = reader.readNextRowGroup()) != null) {
                    RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                            .getRecordReader(rowGroup, new GroupRecordConverter(schema));
                    for (long i = 0; i < rowGroup.getRowCount(); i++) {
                        Group row = records.read();
                        before++;
                        if (!removeIds.contains(row.getString(DatasetSchema.ID, 0))) {
                            writer.write(row);
                            after++;
                        }
                    }
                }
            }
            AtomicFiles.publish(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        return new Filtered(before, after);
    }
}
