package org.gleaner.builder.revocation;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * Rewrites a published data file, deleting or replacing the rows a revocation reached: every other row is copied
 * column for column in the source's own schema (whatever its schema version), with the source's {@code gleaner.*}
 * footer metadata, zstd, and published atomically under the target name.
 */
public final class ParquetRowRewriter {
    private final ParquetOptions options;

    public ParquetRowRewriter(ParquetOptions options) {
        this.options = options;
    }

    /** What becomes of one affected row: its replacement in the file's schema, or empty to delete it. */
    @FunctionalInterface
    public interface RowRewrite {
        /** Deletes every affected row. */
        RowRewrite DELETE = (row, schema) -> Optional.empty();

        Optional<Group> rewrite(Group row, MessageType schema) throws IOException;
    }

    /** The row counts and the ids of the affected rows deleted and replaced (both sorted). */
    public record Rewritten(long rowsBefore, long rowsAfter, List<String> removedIds, List<String> replacedIds) {
    }

    public Rewritten rewrite(Path source, Path target, Set<String> affectedIds, RowRewrite rewrite) throws IOException {
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "a published file is never replaced");
        }
        AtomicFiles.deleteStaleTemporaries(target);
        Path temp = AtomicFiles.temporarySibling(target);
        long before = 0;
        long after = 0;
        TreeSet<String> removed = new TreeSet<>();
        TreeSet<String> replaced = new TreeSet<>();
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
                        String id = row.getString(DatasetSchema.ID, 0);
                        if (!affectedIds.contains(id)) {
                            writer.write(row);
                            after++;
                            continue;
                        }
                        Optional<Group> replacement = rewrite.rewrite(row, schema);
                        if (replacement.isEmpty()) {
                            removed.add(id);
                        } else {
                            if (!id.equals(replacement.get().getString(DatasetSchema.ID, 0))) {
                                throw new IllegalStateException("a replaced row keeps its id");
                            }
                            writer.write(replacement.get());
                            replaced.add(id);
                            after++;
                        }
                    }
                }
            }
            AtomicFiles.publish(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        return new Rewritten(before, after, List.copyOf(removed), List.copyOf(replaced));
    }
}
