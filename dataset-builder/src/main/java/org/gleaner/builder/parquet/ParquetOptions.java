package org.gleaner.builder.parquet;

/**
 * How dataset files are written: row group size (the unit readers parallelise over and the writer buffers in
 * memory), page size and zstd level.
 */
public record ParquetOptions(long rowGroupSizeBytes, int pageSizeBytes, int zstdLevel) {
    /** 128 MiB row groups, 1 MiB pages, zstd level 3 (Parquet's own defaults). */
    public static final ParquetOptions DEFAULTS = new ParquetOptions(128L * 1024 * 1024, 1024 * 1024, 3);

    public ParquetOptions {
        if (rowGroupSizeBytes < 1024) {
            throw new IllegalArgumentException("rowGroupSizeBytes must be at least 1024: " + rowGroupSizeBytes);
        }
        if (pageSizeBytes < 1024) {
            throw new IllegalArgumentException("pageSizeBytes must be at least 1024: " + pageSizeBytes);
        }
        if (zstdLevel < 1 || zstdLevel > 22) {
            throw new IllegalArgumentException("zstdLevel must be 1-22: " + zstdLevel);
        }
    }

    public ParquetOptions withRowGroupSizeBytes(long bytes) {
        return new ParquetOptions(bytes, pageSizeBytes, zstdLevel);
    }

    public ParquetOptions withPageSizeBytes(int bytes) {
        return new ParquetOptions(rowGroupSizeBytes, bytes, zstdLevel);
    }

    public ParquetOptions withZstdLevel(int level) {
        return new ParquetOptions(rowGroupSizeBytes, pageSizeBytes, level);
    }
}
