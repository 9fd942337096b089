package org.gleaner.protocol.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Computes RFC 9162 roots and proofs (and their subtree generalisations) from any {@link LeafHashSource}.
 * Proof nodes are listed bottom-up, as RFC 9162 and {@link InclusionVerifier} / {@link ConsistencyVerifier}
 * expect. Arguments outside the tree are programming errors and raise {@link IllegalArgumentException}.
 *
 * <p>Cost: every node hashed is either a complete subtree, fetched with
 * {@link LeafHashSource#perfectSubtreeHash}, or on the right edge of the range, split in O(log n) steps;
 * a proof touches O(log n) nodes, so with O(1) complete-subtree lookups a root costs O(log n) and a proof
 * O(log^2 n) hash operations.
 */
public final class MerkleProofs {
    private MerkleProofs() {
    }

    /** MTH of the first {@code size} leaves; the empty-tree hash when {@code size} is 0. */
    public static byte[] rootHash(LeafHashSource source, long size) {
        checkSize(source, size);
        return size == 0 ? MerkleHash.emptyRoot() : subtreeHash(source, 0, size);
    }

    /** MTH of the leaves {@code [start, end)}, {@code start < end <= source.size()}. */
    public static byte[] subtreeHash(LeafHashSource source, long start, long end) {
        Objects.requireNonNull(source, "source");
        if (start < 0 || end <= start || end > source.size()) {
            throw new IllegalArgumentException("no leaves [" + start + ", " + end + ") in a log of " + source.size());
        }
        return hash(source, start, end);
    }

    /** RFC 9162 PATH(index, D[size]). */
    public static List<byte[]> inclusionProof(LeafHashSource source, long index, long size) {
        checkSize(source, size);
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        return path(source, index, 0, size);
    }

    /** RFC 9162 PROOF(size1, D[size2]); empty when the sizes are equal. Requires {@code 0 < size1 <= size2}. */
    public static List<byte[]> consistencyProof(LeafHashSource source, long size1, long size2) {
        checkSize(source, size2);
        if (size1 <= 0 || size1 > size2) {
            throw new IllegalArgumentException("no consistency proof from size " + size1 + " to " + size2);
        }
        return subtreeConsistencyProof(source, 0, size1, size2);
    }

    /** Inclusion proof of leaf {@code index} in the valid, non-empty subtree {@code [start, end)}. */
    public static List<byte[]> subtreeInclusionProof(LeafHashSource source, long index, long start, long end) {
        checkSize(source, end);
        if (!SubtreeVerifier.isValidSubtree(start, end) || start == end || index < start || index >= end) {
            throw new IllegalArgumentException("leaf " + index + " is not in a valid subtree [" + start + ", " + end + ")");
        }
        return path(source, index, start, end);
    }

    /** Proof that the valid subtree {@code [start, end)} is part of the tree of {@code size} leaves. */
    public static List<byte[]> subtreeConsistencyProof(LeafHashSource source, long start, long end, long size) {
        checkSize(source, size);
        if (!SubtreeVerifier.isValidSubtree(start, end) || end > size) {
            throw new IllegalArgumentException("[" + start + ", " + end + ") is not a valid subtree of a tree of " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        if (start < end) {
            subproof(source, start, end, 0, size, true, proof);
        }
        return Collections.unmodifiableList(proof);
    }

    private static List<byte[]> path(LeafHashSource source, long index, long lo, long hi) {
        List<byte[]> siblings = new ArrayList<>();
        while (hi - lo > 1) {
            long k = ProofMath.largestPowerOfTwoBelow(hi - lo);
            if (index < lo + k) {
                siblings.add(hash(source, lo + k, hi));
                hi = lo + k;
            } else {
                siblings.add(hash(source, lo, lo + k));
                lo = lo + k;
            }
        }
        Collections.reverse(siblings);
        return Collections.unmodifiableList(siblings);
    }

    /**
     * RFC 9162 SUBPROOF generalised to a subtree {@code [start, end)} of the node {@code [lo, hi)}.
     * {@code known} says whether the verifier already has the hash of the range (it does until the walk
     * moves right of a split that the range straddles).
     */
    private static void subproof(LeafHashSource source, long start, long end, long lo, long hi, boolean known,
            List<byte[]> out) {
        if (start == lo && end == hi) {
            if (!known) {
                out.add(hash(source, lo, hi));
            }
            return;
        }
        long k = ProofMath.largestPowerOfTwoBelow(hi - lo);
        if (end <= lo + k) {
            subproof(source, start, end, lo, lo + k, known, out);
            out.add(hash(source, lo + k, hi));
        } else if (start >= lo + k) {
            subproof(source, start, end, lo + k, hi, known, out);
            out.add(hash(source, lo, lo + k));
        } else {
            subproof(source, lo + k, end, lo + k, hi, false, out);
            out.add(hash(source, lo, lo + k));
        }
    }

    private static byte[] hash(LeafHashSource source, long start, long end) {
        long width = end - start;
        if (ProofMath.isPowerOfTwo(width) && start % width == 0) {
            int level = Long.numberOfTrailingZeros(width);
            return source.perfectSubtreeHash(level, start >>> level);
        }
        long k = ProofMath.largestPowerOfTwoBelow(width);
        return MerkleHash.nodeHash(hash(source, start, start + k), hash(source, start + k, end));
    }

    private static void checkSize(LeafHashSource source, long size) {
        Objects.requireNonNull(source, "source");
        if (size < 0 || size > source.size()) {
            throw new IllegalArgumentException("tree size " + size + " is beyond the " + source.size() + " leaves");
        }
    }
}
