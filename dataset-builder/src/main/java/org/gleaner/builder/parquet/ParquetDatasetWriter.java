package org.gleaner.builder.parquet;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.codec.ZstandardCodec;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.gleaner.protocol.io.AtomicFiles;
import org.gleaner.builder.row.DatasetRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@link DatasetRow}s to zstd-compressed Parquet files with parquet-java, through
 * {@link LocalOutputFile} (plain {@code java.nio}: no Hadoop FileSystem, no {@code .crc} side files, no
 * {@code HADOOP_HOME}). Files are published atomically (see {@link AtomicFiles}).
 */
public final class ParquetDatasetWriter {
    private static final Logger log = LoggerFactory.getLogger(ParquetDatasetWriter.class);
    private final ParquetOptions options;

    public ParquetDatasetWriter(ParquetOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public ParquetDatasetWriter() {
        this(ParquetOptions.DEFAULTS);
    }

    /**
     * Starts a file that will be published as {@code target}; rows go to a hidden temporary file next to it
     * until {@link PendingParquetFile#publish()}. Missing parent directories are created, and temporary files
     * that a crashed earlier attempt at the same target left behind are deleted (one writer per target).
     *
     * @throws FileAlreadyExistsException when {@code target} exists (published files are immutable)
     */
    public PendingParquetFile open(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            throw new FileAlreadyExistsException(absolute.toString(), null, "a published file is never replaced");
        }
        AtomicFiles.createDirectories(absolute.getParent());
        int stale = AtomicFiles.deleteStaleTemporaries(absolute);
        if (stale > 0) {
            log.warn("deleted {} temporary file(s) an interrupted earlier write of {} left behind", stale, absolute);
        }
        Path temp = AtomicFiles.temporarySibling(absolute);
        ParquetWriter<DatasetRow> writer;
        try {
            writer = newWriter(new LocalOutputFile(temp));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return new PendingParquetFile(writer, temp, absolute);
    }

    /** Writes all {@code rows} and publishes them as {@code target} in one call. */
    public WrittenFile write(Path target, Iterable<DatasetRow> rows) throws IOException {
        try (PendingParquetFile file = open(target)) {
            for (DatasetRow row : rows) {
                file.write(row);
            }
            return file.publish();
        }
    }

    private ParquetWriter<DatasetRow> newWriter(OutputFile file) throws IOException {
        // An empty Configuration: no core-default.xml / core-site.xml lookups from the class path.
        Configuration conf = new Configuration(false);
        conf.setInt(ZstandardCodec.PARQUET_COMPRESS_ZSTD_LEVEL, options.zstdLevel());
        return new Builder(file)
                .withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withRowGroupSize(options.rowGroupSizeBytes())
                .withPageSize(options.pageSizeBytes())
                .withDictionaryEncoding(true)
                .withPageWriteChecksumEnabled(true)
                .build();
    }

    private static final class Builder extends ParquetWriter.Builder<DatasetRow, Builder> {
        Builder(OutputFile file) {
            super(file);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        @SuppressWarnings("deprecation")
        protected WriteSupport<DatasetRow> getWriteSupport(Configuration conf) {
            return new DatasetRowWriteSupport();
        }
    }
}
