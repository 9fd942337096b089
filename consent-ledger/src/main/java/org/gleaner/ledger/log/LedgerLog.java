package org.gleaner.ledger.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.gleaner.ledger.state.EntryRejectedException;
import org.gleaner.ledger.state.EntryVerifier;
import org.gleaner.ledger.state.LedgerPolicy;
import org.gleaner.ledger.state.LedgerState;
import org.gleaner.ledger.state.ValidatedEntry;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.gleaner.protocol.merkle.MerkleTree;
import org.gleaner.protocol.note.Checkpoint;
import org.gleaner.protocol.note.NoteException;
import org.gleaner.protocol.note.NoteSigner;

/**
 * The durable log: the entry file, the RFC 9162 tree over it, the state the entries add up to, and the
 * signed checkpoints. Opening replays every stored entry through the validator, so a log whose entries do
 * not verify or contradict each other refuses to open. One writer (the {@link Sequencer}); any number of
 * readers.
 */
public final class LedgerLog implements Closeable {
    static final String ENTRIES = "entries.log";
    static final String CHECKPOINTS = "checkpoints.log";
    private static final int MAX_CHECKPOINT = 4096;

    private final FrameFile entries;
    private final FrameFile checkpoints;
    private final MerkleTree tree = new MerkleTree();
    private final LedgerState state;
    private final NoteSigner noteSigner;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile long size;
    private volatile byte[] latestCheckpoint;
    private long latestCheckpointSize = -1;

    private LedgerLog(FrameFile entries, FrameFile checkpoints, LedgerState state, NoteSigner noteSigner) {
        this.entries = entries;
        this.checkpoints = checkpoints;
        this.state = state;
        this.noteSigner = noteSigner;
    }

    /** Opens (or creates) the log in {@code dir}; checkpoints are signed by {@code noteSigner}, named as the origin. */
    public static LedgerLog open(Path dir, LedgerPolicy policy, NoteSigner noteSigner) throws IOException {
        if (!noteSigner.name().equals(policy.origin())) {
            throw new IllegalArgumentException("the checkpoint key must be named after the origin " + policy.origin());
        }
        Files.createDirectories(dir);
        FrameFile entries = FrameFile.open(dir.resolve(ENTRIES), LedgerEntry.MAX_ENCODED + 128);
        FrameFile checkpoints;
        try {
            checkpoints = FrameFile.open(dir.resolve(CHECKPOINTS), MAX_CHECKPOINT);
        } catch (IOException e) {
            entries.close();
            throw e;
        }
        LedgerLog log = new LedgerLog(entries, checkpoints, new LedgerState(policy), noteSigner);
        try {
            log.replay();
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
        return log;
    }

    private void replay() throws IOException {
        String origin = state.policy().origin();
        int chunk = 4096;
        for (long start = 0; start < entries.count(); start += chunk) {
            int n = (int) Math.min(chunk, entries.count() - start);
            byte[][] stored = new byte[n][];
            for (int k = 0; k < n; k++) {
                stored[k] = entries.read(start + k);
            }
            // Signatures need no state, so a chunk is verified on every core; the state is applied in order.
            Object[] verified = java.util.stream.IntStream.range(0, n).parallel().mapToObj(k -> {
                try {
                    return EntryVerifier.decodeAndVerify(stored[k], origin);
                } catch (EntryRejectedException e) {
                    return e;
                }
            }).toArray();
            for (int k = 0; k < n; k++) {
                try {
                    if (verified[k] instanceof EntryRejectedException rejected) {
                        throw rejected;
                    }
                    ValidatedEntry entry = state.check((org.gleaner.ledger.state.VerifiedEntry) verified[k], -1);
                    state.apply(entry);
                    tree.appendLeafHash(entry.leafHash().toArray());
                } catch (EntryRejectedException e) {
                    throw new LedgerStorageException("stored entry " + (start + k) + " is refused on replay: " + e.getMessage());
                }
            }
        }
        size = tree.size();
        if (checkpoints.count() > 0) {
            byte[] last = checkpoints.read(checkpoints.count() - 1);
            try {
                Checkpoint checkpoint = Checkpoint.parse(org.gleaner.protocol.note.SignedNote
                        .open(last, noteSigner.verifier()).text());
                if (checkpoint.size() > size
                        || !java.util.Arrays.equals(checkpoint.rootHash(), tree.rootHash(checkpoint.size()))) {
                    throw new LedgerStorageException("the stored entries do not match the last signed checkpoint (size "
                            + checkpoint.size() + "): the log was rewritten or truncated");
                }
                latestCheckpoint = last;
                latestCheckpointSize = checkpoint.size();
            } catch (NoteException | org.gleaner.protocol.note.MalformedCheckpointException e) {
                throw new LedgerStorageException("the last stored checkpoint does not verify: " + e.getMessage());
            }
        }
    }

    public LedgerState state() {
        return state;
    }

    /** Writes the entries (already checked and applied to the state, in order) durably, then adds them to the tree. */
    long appendDurably(List<ValidatedEntry> batch) throws IOException {
        List<byte[]> records = new ArrayList<>(batch.size());
        for (ValidatedEntry entry : batch) {
            records.add(entry.leafData());
        }
        long first = entries.append(records);
        lock.writeLock().lock();
        try {
            for (ValidatedEntry entry : batch) {
                tree.appendLeafHash(entry.leafHash().toArray());
            }
            size = tree.size();
        } finally {
            lock.writeLock().unlock();
        }
        return first;
    }

    /** Signs and durably stores a checkpoint of the current size, unless the latest already covers it. */
    byte[] checkpoint() throws IOException {
        long at = size;
        if (latestCheckpoint != null && latestCheckpointSize == at) {
            return latestCheckpoint;
        }
        byte[] root = rootHash(at);
        byte[] note;
        try {
            note = new Checkpoint(state.policy().origin(), at, root).sign(noteSigner);
        } catch (NoteException e) {
            throw new IllegalStateException("signing a checkpoint failed", e);
        }
        checkpoints.append(List.of(note));
        latestCheckpoint = note;
        latestCheckpointSize = at;
        return note;
    }

    long latestCheckpointSize() {
        return latestCheckpointSize;
    }

    public long size() {
        return size;
    }

    public String origin() {
        return state.policy().origin();
    }

    /** The latest signed checkpoint note, or {@code null} before the first. */
    public byte[] latestCheckpoint() {
        byte[] note = latestCheckpoint;
        return note == null ? null : note.clone();
    }

    public String latestCheckpointText() {
        byte[] note = latestCheckpoint;
        return note == null ? null : new String(note, StandardCharsets.UTF_8);
    }

    /** The stored entry (a signed entry's canonical encoding) at {@code index}. */
    public byte[] entry(long index) throws IOException {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("no entry " + index + " in a log of " + size);
        }
        return entries.read(index);
    }

    public byte[] rootHash(long treeSize) {
        checkSize(treeSize);
        lock.readLock().lock();
        try {
            return tree.rootHash(treeSize);
        } finally {
            lock.readLock().unlock();
        }
    }

    public byte[] leafHash(long index) {
        lock.readLock().lock();
        try {
            return tree.leafHash(index);
        } finally {
            lock.readLock().unlock();
        }
    }

    public List<byte[]> inclusionProof(long index, long treeSize) {
        checkSize(treeSize);
        if (index < 0 || index >= treeSize) {
            throw new IndexOutOfBoundsException("entry " + index + " is not in a tree of size " + treeSize);
        }
        lock.readLock().lock();
        try {
            return tree.inclusionProof(index, treeSize);
        } finally {
            lock.readLock().unlock();
        }
    }

    public List<byte[]> consistencyProof(long oldSize, long newSize) {
        checkSize(newSize);
        if (oldSize < 1 || oldSize > newSize) {
            throw new IndexOutOfBoundsException("old size " + oldSize + " must be in [1, " + newSize + "]");
        }
        lock.readLock().lock();
        try {
            return tree.consistencyProof(oldSize, newSize);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void checkSize(long treeSize) {
        if (treeSize < 0 || treeSize > size) {
            throw new IndexOutOfBoundsException("tree size " + treeSize + " is beyond the log's " + size);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            entries.close();
        } finally {
            checkpoints.close();
        }
    }
}
