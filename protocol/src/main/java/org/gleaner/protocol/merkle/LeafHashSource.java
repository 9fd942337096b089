package org.gleaner.protocol.merkle;

import java.util.List;
import java.util.Objects;

/**
 * Read access to the leaf hashes of an append-only log, enough to compute roots and proofs with
 * {@link MerkleProofs} whatever the storage (memory, disk, tiles).
 *
 * <p>Implementations that keep interior hashes should override {@link #perfectSubtreeHash}: with an O(1)
 * lookup, roots and proofs cost O(log n) hashes; with the default they cost O(n).
 */
public interface LeafHashSource {
    /** Number of leaves currently available. */
    long size();

    /** The 32-byte leaf hash at {@code index}, {@code 0 <= index < size()}. */
    byte[] leafHash(long index);

    /**
     * The root of the complete subtree of {@code 2^level} leaves starting at leaf {@code index << level};
     * that subtree must lie entirely below {@link #size()}. The default recomputes it from the leaves.
     */
    default byte[] perfectSubtreeHash(int level, long index) {
        if (level == 0) {
            return leafHash(index);
        }
        return MerkleHash.nodeHash(perfectSubtreeHash(level - 1, 2 * index), perfectSubtreeHash(level - 1, 2 * index + 1));
    }

    /** A source over a fixed list of leaf hashes (the list is not copied). */
    static LeafHashSource of(List<byte[]> leafHashes) {
        Objects.requireNonNull(leafHashes, "leafHashes");
        return new LeafHashSource() {
            @Override
            public long size() {
                return leafHashes.size();
            }

            @Override
            public byte[] leafHash(long index) {
                return leafHashes.get(Math.toIntExact(index)).clone();
            }
        };
    }
}
