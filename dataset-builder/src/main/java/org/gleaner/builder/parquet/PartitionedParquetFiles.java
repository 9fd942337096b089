package org.gleaner.builder.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gleaner.builder.row.DatasetRow;

/**
 * The part files of one dataset version being written: each row goes to the part its id hashes to
 * ({@link #partOf}), so a row always lands in the same part whatever else the version holds, and a revocation
 * that removes a few rows touches only the parts holding them. {@code part-00000} is opened at once (so a
 * version whose first file exists is refused before any work), the others when their first row arrives; parts
 * that get no row are not published, except {@code part-00000} (a version always has at least one file).
 * Not thread-safe.
 */
public final class PartitionedParquetFiles implements AutoCloseable {
    public static final int MAX_PARTS = 4096;

    private final ParquetDatasetWriter writer;
    private final Path versionDir;
    private final PendingParquetFile[] parts;
    private boolean done;

    private PartitionedParquetFiles(ParquetDatasetWriter writer, Path versionDir, int parts) {
        if (parts < 1 || parts > MAX_PARTS) {
            throw new IllegalArgumentException("parts must be 1 to " + MAX_PARTS + ": " + parts);
        }
        this.writer = Objects.requireNonNull(writer, "writer");
        this.versionDir = Objects.requireNonNull(versionDir, "versionDir");
        this.parts = new PendingParquetFile[parts];
    }

    /**
     * Starts the parts of a version in {@code versionDir}.
     *
     * @throws java.nio.file.FileAlreadyExistsException when {@code part-00000.parquet} is already published
     */
    public static PartitionedParquetFiles open(ParquetDatasetWriter writer, Path versionDir, int parts) throws IOException {
        PartitionedParquetFiles files = new PartitionedParquetFiles(writer, versionDir, parts);
        files.parts[0] = writer.open(versionDir.resolve(fileName(0)));
        return files;
    }

    /** {@code part-NNNNN.parquet}. */
    public static String fileName(int part) {
        return String.format("part-%05d.parquet", part);
    }

    /**
     * The part a row id belongs to out of {@code parts}: its first 8 hex digits (ids are SHA-256 hex) as an
     * unsigned number, modulo {@code parts}; any other id is hashed first. Stable across builds and JVMs.
     */
    public static int partOf(String id, int parts) {
        long prefix;
        if (id.length() >= 8 && id.substring(0, 8).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            prefix = Long.parseLong(id.substring(0, 8), 16);
        } else {
            prefix = Integer.toUnsignedLong(id.hashCode());
        }
        return (int) (prefix % parts);
    }

    public void write(DatasetRow row) throws IOException {
        if (done) {
            throw new IllegalStateException("parts already published or closed");
        }
        int p = partOf(row.id(), parts.length);
        if (parts[p] == null) {
            parts[p] = writer.open(versionDir.resolve(fileName(p)));
        }
        parts[p].write(row);
    }

    public long rowCount() {
        long rows = 0;
        for (PendingParquetFile f : parts) {
            rows += f == null ? 0 : f.rowCount();
        }
        return rows;
    }

    /** Publishes every part that has rows (or an empty {@code part-00000}), in part order. */
    public List<WrittenFile> publish() throws IOException {
        if (done) {
            throw new IllegalStateException("parts already published or closed");
        }
        done = true;
        List<WrittenFile> written = new ArrayList<>();
        for (int p = 0; p < parts.length; p++) {
            PendingParquetFile f = parts[p];
            if (f == null) {
                continue;
            }
            if (p > 0 || f.rowCount() > 0 || rowCount() == 0) {
                written.add(f.publish());
            } else {
                f.close(); // part 0 got no row but other parts did: abandon it
            }
        }
        return written;
    }

    /** Abandons every part not yet published (their temporary files are deleted). */
    @Override
    public void close() throws IOException {
        done = true;
        IOException first = null;
        for (PendingParquetFile f : parts) {
            if (f == null) {
                continue;
            }
            try {
                f.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
