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
import org.gleaner.protocol.merkle.MerkleHash;
import org.gleaner.protocol.merkle.MerkleTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.gleaner.protocol.note.Checkpoint;
import org.gleaner.protocol.note.NoteException;
import org.gleaner.protocol.note.NoteSigner;

/**
 * The durable log: the entry file, the RFC 9162 tree over it, the state the entries add up to, and the
 * signed checkpoints. Opening starts from the latest state snapshot (written at a checkpoint every
 * {@code snapshotEvery} entries) and replays the entries after it through the validator, so a log whose
 * new entries do not verify or contradict the state refuses to open. One writer (the {@link Sequencer}); any number of
 * readers.
 */
public final class LedgerLog implements Closeable {
    static final String ENTRIES = "entries.log";
    static final String CHECKPOINTS = "checkpoints.log";
    static final String INDEX = "leaves.idx";
    static final String SNAPSHOT = "state.snapshot";
    /** Entries between two state snapshots (taken at checkpoints): bounds what a restart replays. */
    public static final long DEFAULT_SNAPSHOT_EVERY = 10_000;
    private static final int MAX_CHECKPOINT = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(LedgerLog.class);

    private final Path dir;
    private final FrameFile entries;
    private final FrameFile checkpoints;
    private final LeafIndex index;
    private final MerkleTree tree;
    private final LedgerState state;
    private final NoteSigner noteSigner;
    private final long snapshotEvery;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile long size;
    private volatile byte[] latestCheckpoint;
    private long latestCheckpointSize = -1;
    private long snapshotSize;
    private final long replayedOnOpen;

    private LedgerLog(Path dir, Loaded loaded, FrameFile checkpoints, LeafIndex index, NoteSigner noteSigner, long snapshotEvery) {
        this.dir = dir;
        this.entries = loaded.entries;
        this.tree = loaded.tree;
        this.state = loaded.state;
        this.snapshotSize = loaded.state.size();
        this.replayedOnOpen = loaded.entries.count() - loaded.state.size();
        this.checkpoints = checkpoints;
        this.index = index;
        this.noteSigner = noteSigner;
        this.snapshotEvery = snapshotEvery;
    }

    private record Loaded(FrameFile entries, MerkleTree tree, LedgerState state) {
    }

    /** Opens (or creates) the log in {@code dir}; checkpoints are signed by {@code noteSigner}, named as the origin. */
    public static LedgerLog open(Path dir, LedgerPolicy policy, NoteSigner noteSigner) throws IOException {
        return open(dir, policy, noteSigner, DEFAULT_SNAPSHOT_EVERY);
    }

    /**
     * Opens the log, starting from the state snapshot when there is a usable one (its root must match the
     * leaf index, and its last entry the entry file); then replays and fully verifies only the entries after
     * it. A missing, damaged or mismatched snapshot is reported and the whole log replayed instead.
     */
    public static LedgerLog open(Path dir, LedgerPolicy policy, NoteSigner noteSigner, long snapshotEvery) throws IOException {
        if (!noteSigner.name().equals(policy.origin())) {
            throw new IllegalArgumentException("the checkpoint key must be named after the origin " + policy.origin());
        }
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("snapshotEvery must be at least 1");
        }
        Files.createDirectories(dir);
        FrameFile checkpoints = FrameFile.open(dir.resolve(CHECKPOINTS), MAX_CHECKPOINT);
        LeafIndex index = null;
        Loaded loaded = null;
        try {
            index = LeafIndex.open(dir.resolve(INDEX));
            loaded = fromSnapshot(dir, policy, index);
            if (loaded == null) {
                index.truncate(0);
                loaded = new Loaded(FrameFile.open(dir.resolve(ENTRIES), LedgerEntry.MAX_ENCODED + 128), new MerkleTree(),
                        new LedgerState(policy));
            }
        } catch (IOException | RuntimeException e) {
            checkpoints.close();
            if (index != null) {
                index.close();
            }
            throw e;
        }
        LedgerLog log = new LedgerLog(dir, loaded, checkpoints, index, noteSigner, snapshotEvery);
        try {
            log.replay(loaded.state.size());
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
        return log;
    }

    private static Loaded fromSnapshot(Path dir, LedgerPolicy policy, LeafIndex index) throws IOException {
        LogSnapshot snapshot;
        try {
            snapshot = LogSnapshot.read(dir.resolve(SNAPSHOT), policy);
        } catch (LogSnapshot.UnusableSnapshotException e) {
            LOG.warn("ledger start: {}; replaying the whole log", e.getMessage());
            return null;
        }
        if (snapshot == null || snapshot.size() == 0) {
            return null;
        }
        long n = snapshot.size();
        if (n > Integer.MAX_VALUE - 8 || index.count() < n) {
            LOG.warn("ledger start: the leaf index does not cover the snapshot; replaying the whole log");
            return null;
        }
        MerkleTree tree = new MerkleTree();
        long[] offsets = new long[(int) n];
        index.read(n, (i, offset, leafHash) -> {
            offsets[(int) i] = offset;
            tree.appendLeafHash(leafHash);
        });
        if (!java.util.Arrays.equals(tree.rootHash(n), snapshot.rootHash())) {
            LOG.warn("ledger start: the leaf index does not match the snapshot's root; replaying the whole log");
            return null;
        }
        FrameFile entries;
        try {
            entries = FrameFile.openAfter(dir.resolve(ENTRIES), LedgerEntry.MAX_ENCODED + 128, offsets, (int) n);
        } catch (LedgerStorageException e) {
            LOG.warn("ledger start: the entry file does not match the snapshot ({}); replaying the whole log", e.getMessage());
            return null;
        }
        if (!java.util.Arrays.equals(MerkleHash.leafHash(entries.read(n - 1)), tree.leafHash(n - 1))) {
            entries.close();
            LOG.warn("ledger start: the snapshot's last entry differs in the entry file; replaying the whole log");
            return null;
        }
        index.truncate(n);
        return new Loaded(entries, tree, snapshot.state());
    }

    /** Reads, verifies and applies the stored entries from {@code from} on. */
    private void replay(long from) throws IOException {
        String origin = state.policy().origin();
        int chunk = 4096;
        for (long start = from; start < entries.count(); start += chunk) {
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
            long[] offsets = new long[n];
            byte[][] leafHashes = new byte[n][];
            for (int k = 0; k < n; k++) {
                try {
                    if (verified[k] instanceof EntryRejectedException rejected) {
                        throw rejected;
                    }
                    ValidatedEntry entry = state.check((org.gleaner.ledger.state.VerifiedEntry) verified[k], -1);
                    state.apply(entry);
                    tree.appendLeafHash(entry.leafHash().toArray());
                    offsets[k] = entries.offset(start + k);
                    leafHashes[k] = entry.leafHash().toArray();
                } catch (EntryRejectedException e) {
                    throw new LedgerStorageException("stored entry " + (start + k) + " is refused on replay: " + e.getMessage());
                }
            }
            index.append(offsets, leafHashes);
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

    /** How many stored entries the last open read and verified (all of them without a usable snapshot). */
    public long replayedOnOpen() {
        return replayedOnOpen;
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
        long[] offsets = new long[batch.size()];
        byte[][] leafHashes = new byte[batch.size()][];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = entries.offset(first + i);
            leafHashes[i] = batch.get(i).leafHash().toArray();
        }
        index.append(offsets, leafHashes);
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
        if (at - snapshotSize >= snapshotEvery && state.size() == at) {
            snapshot(at, root);
        }
        return note;
    }

    /** Called on the sequencer thread, between batches, so the state is exactly that of the first {@code at} entries. */
    private void snapshot(long at, byte[] root) throws IOException {
        index.force();
        LogSnapshot.write(dir.resolve(SNAPSHOT), origin(), at, root, state.encodeSnapshot());
        snapshotSize = at;
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
            try {
                checkpoints.close();
            } finally {
                index.close();
            }
        }
    }
}
