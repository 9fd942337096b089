package org.gleaner.ledger.log;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import org.gleaner.ledger.state.LedgerState;
import org.gleaner.ledger.state.LedgerPolicy;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalReader;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.MalformedRecordException;

/**
 * The sequencer's state at a tree size, so a restart replays only the entries after it: the size, the root
 * of the tree at that size (which the leaf index must reproduce), and the encoded {@link LedgerState};
 * followed by the SHA-256 of all that, so that a damaged file is noticed and the log replayed instead.
 * Written to a temporary file, fsync'd and moved into place, so a crash leaves the old or the new one.
 */
record LogSnapshot(long size, byte[] rootHash, LedgerState state) {
    private static final String MAGIC = "gleaner-ledger-snapshot-v1";

    /** A snapshot file that cannot be used; the log is replayed from the start instead. */
    static final class UnusableSnapshotException extends Exception {
        private static final long serialVersionUID = 1L;

        UnusableSnapshotException(String message) {
            super(message);
        }
    }

    static void write(Path path, String origin, long size, byte[] rootHash, byte[] encodedState) throws IOException {
        byte[] body = new CanonicalWriter(encodedState.length + 128).string(MAGIC).string(origin).i64(size)
                .fixed(Bytes.of(rootHash)).bytes(encodedState).toByteArray();
        byte[] digest = sha256(body);
        Path temp = path.resolveSibling(path.getFileName() + ".tmp");
        try (var channel = java.nio.channels.FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (var buffer : new java.nio.ByteBuffer[] {java.nio.ByteBuffer.wrap(body), java.nio.ByteBuffer.wrap(digest)}) {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            channel.force(true);
        }
        try {
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The snapshot at {@code path}, or {@code null} when there is none. */
    static LogSnapshot read(Path path, LedgerPolicy policy) throws IOException, UnusableSnapshotException {
        if (!Files.exists(path)) {
            return null;
        }
        byte[] data = Files.readAllBytes(path);
        if (data.length < 32) {
            throw new UnusableSnapshotException("the snapshot is truncated");
        }
        byte[] body = Arrays.copyOf(data, data.length - 32);
        if (!MessageDigest.isEqual(sha256(body), Arrays.copyOfRange(data, data.length - 32, data.length))) {
            throw new UnusableSnapshotException("the snapshot fails its checksum");
        }
        try {
            CanonicalReader r = new CanonicalReader(body);
            if (!MAGIC.equals(r.string("magic", 64))) {
                throw new UnusableSnapshotException("not a ledger snapshot");
            }
            if (!policy.origin().equals(r.string("origin", 256))) {
                throw new UnusableSnapshotException("the snapshot is of another ledger");
            }
            long size = r.nonNegativeI64("size");
            byte[] root = r.fixed("root", 32).toArray();
            LedgerState state = LedgerState.decodeSnapshot(policy, r.bytes("state", Integer.MAX_VALUE).toArray());
            r.finish("snapshot");
            if (state.size() != size) {
                throw new UnusableSnapshotException("the snapshot's state is of another size");
            }
            return new LogSnapshot(size, root, state);
        } catch (MalformedRecordException e) {
            throw new UnusableSnapshotException("the snapshot does not decode: " + e.getMessage());
        }
    }

    private static byte[] sha256(byte[] data) {
        return Bytes.sha256(data).toArray();
    }
}
