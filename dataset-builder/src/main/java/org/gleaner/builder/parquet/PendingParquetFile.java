package org.gleaner.builder.parquet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.parquet.hadoop.ParquetWriter;
import org.gleaner.protocol.io.AtomicFiles;
import org.gleaner.builder.row.DatasetRow;

/**
 * A dataset file being written: rows go to a hidden temporary file; {@link #publish()} completes it and moves
 * it under its final name; {@link #close()} without a publish deletes the temporary file. Not thread-safe.
 */
public final class PendingParquetFile implements AutoCloseable {
    private final ParquetWriter<DatasetRow> writer;
    private final Path temp;
    private final Path target;
    private long rows;
    private boolean writerClosed;
    private boolean published;

    PendingParquetFile(ParquetWriter<DatasetRow> writer, Path temp, Path target) {
        this.writer = writer;
        this.temp = temp;
        this.target = target;
    }

    public void write(DatasetRow row) throws IOException {
        if (writerClosed) {
            throw new IllegalStateException("file already closed or published: " + target);
        }
        writer.write(row);
        rows++;
    }

    public long rowCount() {
        return rows;
    }

    public Path target() {
        return target;
    }

    /** Writes the footer, fsyncs, renames atomically to the target and fsyncs its directory. */
    public WrittenFile publish() throws IOException {
        if (writerClosed) {
            throw new IllegalStateException("file already closed or published: " + target);
        }
        writerClosed = true;
        writer.close();
        String sha256 = sha256(temp);
        long bytes = Files.size(temp);
        AtomicFiles.publish(temp, target);
        published = true;
        return new WrittenFile(target, rows, bytes, sha256);
    }

    /** Abandons an unpublished file: its temporary file is deleted; nothing appears under the target name. */
    @Override
    public void close() throws IOException {
        if (published) {
            return;
        }
        try {
            if (!writerClosed) {
                writerClosed = true;
                writer.close();
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
