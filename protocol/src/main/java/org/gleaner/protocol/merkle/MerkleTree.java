package org.gleaner.protocol.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An in-memory, append-only RFC 9162 Merkle tree that keeps every complete subtree hash.
 *
 * <p>Level {@code h} stores the roots of the complete subtrees of {@code 2^h} leaves, filled as leaves
 * arrive (amortised O(1) hashes per append, about 64 bytes per leaf in total). Those subtrees never change
 * once complete, so they serve every earlier tree size too: {@link #rootHash(long)} costs O(log n) and
 * a proof O(log^2 n) hashes, with no recomputation from the leaves. Not thread-safe.
 */
public final class MerkleTree implements LeafHashSource {
    private final List<HashStore> levels = new ArrayList<>();
    private long size;

    public MerkleTree() {
        levels.add(new HashStore());
    }

    /** Appends the leaf with this content (hashed with {@link MerkleHash#leafHash}); returns its index. */
    public long append(byte[] leafData) {
        return appendLeafHash(MerkleHash.leafHash(leafData));
    }

    /** Appends an already hashed leaf; returns its index. */
    public long appendLeafHash(byte[] leafHash) {
        Objects.requireNonNull(leafHash, "leafHash");
        if (leafHash.length != MerkleHash.SIZE) {
            throw new IllegalArgumentException("leaf hash must be " + MerkleHash.SIZE + " bytes");
        }
        long index = size;
        levels.get(0).add(leafHash);
        byte[] carry = leafHash;
        long position = index;
        for (int level = 0; (position & 1) == 1; level++) {
            carry = MerkleHash.nodeHash(levels.get(level).get(position - 1), carry);
            if (levels.size() == level + 1) {
                levels.add(new HashStore());
            }
            levels.get(level + 1).add(carry);
            position >>>= 1;
        }
        size = index + 1;
        return index;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public byte[] leafHash(long index) {
        return levels.get(0).get(index);
    }

    @Override
    public byte[] perfectSubtreeHash(int level, long index) {
        return levels.get(level).get(index);
    }

    public byte[] rootHash() {
        return rootHash(size);
    }

    /** The root the tree had when it held {@code treeSize} leaves. */
    public byte[] rootHash(long treeSize) {
        return MerkleProofs.rootHash(this, treeSize);
    }

    public List<byte[]> inclusionProof(long index, long treeSize) {
        return MerkleProofs.inclusionProof(this, index, treeSize);
    }

    public List<byte[]> consistencyProof(long oldSize, long newSize) {
        return MerkleProofs.consistencyProof(this, oldSize, newSize);
    }
}
