package org.gleaner.ledger.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An append-only file of records, each framed as u32 length, u32 CRC-32C of the record, record bytes.
 * {@link #append} returns only after {@code fsync}, so an acknowledged record survives a crash. On open a
 * torn final frame (a write cut short by a crash) is cut off; a bad frame anywhere else means the file was
 * damaged or edited and opening fails. The CRC catches accidents, not attackers: the Merkle tree and the
 * signed checkpoints do that.
 */
final class FrameFile implements Closeable {
    private static final int HEADER = 8;

    private final Path path;
    private final FileChannel channel;
    /** Readers have their own channel: an interrupted reader closes it, and must not close the writer's. */
    private volatile FileChannel readChannel;
    private final int maxRecord;
    private long[] offsets = new long[1024];
    private int count;
    private long end;

    private FrameFile(Path path, FileChannel channel, int maxRecord) throws IOException {
        this.path = path;
        this.channel = channel;
        this.readChannel = FileChannel.open(path, StandardOpenOption.READ);
        this.maxRecord = maxRecord;
    }

    static FrameFile open(Path path, int maxRecord) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FrameFile file;
        try {
            file = new FrameFile(path, channel, maxRecord);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        try {
            file.scan();
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        return file;
    }

    /**
     * Opens a file whose first {@code known} frames are already known to start at {@code offsets} (from the
     * leaf index): only the last known frame is read and checked, then what follows it is scanned.
     */
    static FrameFile openAfter(Path path, int maxRecord, long[] offsets, int known) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FrameFile file;
        try {
            file = new FrameFile(path, channel, maxRecord);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        try {
            file.offsets = Arrays.copyOf(offsets, Math.max(known, 1024));
            file.count = known;
            long start = 0;
            if (known > 0) {
                long last = offsets[known - 1];
                if (channel.size() < last + HEADER) {
                    throw new LedgerStorageException(path + " is shorter than the snapshot says");
                }
                ByteBuffer header = ByteBuffer.allocate(HEADER);
                file.readFully(header, last);
                long length = header.getInt(0) & 0xFFFF_FFFFL;
                if (length > maxRecord || last + HEADER + length > channel.size()) {
                    throw new LedgerStorageException(path + ": the snapshot's last entry is not a whole frame");
                }
                byte[] record = new byte[(int) length];
                file.readFully(ByteBuffer.wrap(record), last + HEADER);
                if (crc(record) != header.getInt(4)) {
                    throw new LedgerStorageException(path + ": the snapshot's last entry fails its checksum");
                }
                start = last + HEADER + length;
            }
            file.scan(start);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        return file;
    }

    private void scan() throws IOException {
        scan(0);
    }

    private void scan(long from) throws IOException {
        long fileSize = channel.size();
        long position = from;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (position < fileSize) {
            if (fileSize - position < HEADER) {
                truncateTornTail(position);
                return;
            }
            header.clear();
            readFully(header, position);
            long length = header.getInt(0) & 0xFFFF_FFFFL;
            int crc = header.getInt(4);
            if (length > maxRecord) {
                throw new LedgerStorageException(path + ": frame " + count + " claims " + length + " bytes, limit " + maxRecord);
            }
            if (position + HEADER + length > fileSize) {
                truncateTornTail(position);
                return;
            }
            byte[] record = new byte[(int) length];
            readFully(ByteBuffer.wrap(record), position + HEADER);
            if (crc(record) != crc) {
                if (position + HEADER + length == fileSize) {
                    truncateTornTail(position);
                    return;
                }
                throw new LedgerStorageException(path + ": frame " + count + " fails its checksum");
            }
            addOffset(position);
            position += HEADER + length;
        }
        end = position;
    }

    private void truncateTornTail(long position) throws IOException {
        channel.truncate(position);
        channel.force(true);
        end = position;
    }

    private void addOffset(long offset) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[count++] = offset;
    }

    /** Appends the records and fsyncs; returns the index of the first. */
    long append(List<byte[]> records) throws IOException {
        long first = count;
        int total = 0;
        for (byte[] record : records) {
            if (record.length > maxRecord) {
                throw new IllegalArgumentException("record of " + record.length + " bytes exceeds " + maxRecord);
            }
            total += HEADER + record.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(total);
        long[] newOffsets = new long[records.size()];
        long position = end;
        for (int i = 0; i < records.size(); i++) {
            byte[] record = records.get(i);
            newOffsets[i] = position;
            buffer.putInt(record.length).putInt(crc(record)).put(record);
            position += HEADER + record.length;
        }
        buffer.flip();
        long writeAt = end;
        while (buffer.hasRemaining()) {
            writeAt += channel.write(buffer, writeAt);
        }
        channel.force(false);
        synchronized (this) {
            for (long offset : newOffsets) {
                addOffset(offset);
            }
        }
        end = position;
        return first;
    }

    synchronized int count() {
        return count;
    }

    synchronized long offset(long index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("no record " + index + " (have " + count + ")");
        }
        return offsets[(int) index];
    }

    byte[] read(long index) throws IOException {
        long offset = offset(index);
        try {
            return readAt(readChannel, offset);
        } catch (java.nio.channels.ClosedChannelException e) {
            if (!channel.isOpen() || Thread.currentThread().isInterrupted()) {
                throw e;
            }
            reopenReadChannel();
            return readAt(readChannel, offset);
        }
    }

    private synchronized void reopenReadChannel() throws IOException {
        if (!readChannel.isOpen()) {
            readChannel = FileChannel.open(path, StandardOpenOption.READ);
        }
    }

    private byte[] readAt(FileChannel from, long offset) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(from, header, offset);
        int length = header.getInt(0);
        byte[] record = new byte[length];
        readFully(from, ByteBuffer.wrap(record), offset + HEADER);
        return record;
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        readFully(channel, buffer, position);
    }

    private void readFully(FileChannel from, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = from.read(buffer, at);
            if (n < 0) {
                throw new LedgerStorageException(path + ": unexpected end of file at " + at);
            }
            at += n;
        }
    }

    private static int crc(byte[] record) {
        CRC32C crc = new CRC32C();
        crc.update(record);
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        try {
            readChannel.close();
        } finally {
            channel.close();
        }
    }
}
