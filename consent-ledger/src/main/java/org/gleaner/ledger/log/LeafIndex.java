package org.gleaner.ledger.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A cache beside the entry file: for each entry its frame's offset and its leaf hash (40 bytes), so a start
 * from a snapshot can rebuild the tree and find the entries without reading them. Written after the
 * entries are durable, without its own fsync except before a snapshot is written; only the prefix a valid
 * snapshot covers is ever trusted, and that prefix is checked against the snapshot's root.
 */
final class LeafIndex implements Closeable {
    static final int RECORD = 40;
    private static final int CHUNK = 4096;

    private final FileChannel channel;
    private long count;

    private LeafIndex(FileChannel channel) throws IOException {
        this.channel = channel;
        this.count = channel.size() / RECORD;
    }

    static LeafIndex open(Path path) throws IOException {
        return new LeafIndex(FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    long count() {
        return count;
    }

    /** Keeps only the first {@code n} records. */
    void truncate(long n) throws IOException {
        channel.truncate(n * RECORD);
        count = Math.min(count, n);
    }

    void append(long[] offsets, byte[][] leafHashes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(offsets.length * RECORD);
        for (int i = 0; i < offsets.length; i++) {
            buffer.putLong(offsets[i]).put(leafHashes[i]);
        }
        buffer.flip();
        long at = count * RECORD;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
        count += offsets.length;
    }

    void force() throws IOException {
        channel.force(false);
    }

    interface Visitor {
        void accept(long index, long offset, byte[] leafHash) throws IOException;
    }

    /** Visits the first {@code n} records in order. */
    void read(long n, Visitor visitor) throws IOException {
        if (n > count) {
            throw new LedgerStorageException("the leaf index has " + count + " records, not " + n);
        }
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK * RECORD);
        for (long start = 0; start < n; start += CHUNK) {
            int records = (int) Math.min(CHUNK, n - start);
            buffer.clear().limit(records * RECORD);
            long at = start * RECORD;
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, at);
                if (read < 0) {
                    throw new LedgerStorageException("the leaf index ended early");
                }
                at += read;
            }
            buffer.flip();
            for (int i = 0; i < records; i++) {
                long offset = buffer.getLong();
                byte[] hash = new byte[32];
                buffer.get(hash);
                visitor.accept(start + i, offset, hash);
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
