package org.gleaner.protocol.merkle;

import java.security.MessageDigest;
import java.util.List;

/**
 * Verifies subtree inclusion and subtree consistency proofs, the generalisation of RFC 9162 proofs to
 * an aligned range of leaves {@code [start, end)} used by draft-ietf-plants-merkle-tree-certs.
 *
 * <p>A range is a valid subtree when {@code start <= end} and {@code start} is a multiple of the
 * smallest power of two not below {@code end - start}. Such a range is always a node of the tree (or
 * the left part of one): this class reduces both proofs to the plain RFC 9162 algorithms.
 */
public final class SubtreeVerifier {
    private SubtreeVerifier() {
    }

    /** Whether {@code [start, end)} is a valid (possibly empty) subtree. */
    public static boolean isValidSubtree(long start, long end) {
        if (start < 0 || end < start) {
            return false;
        }
        long size = end - start;
        if (size <= 1) {
            return true;
        }
        int bits = 64 - Long.numberOfLeadingZeros(size - 1);
        if (bits >= 63) {
            return start == 0;
        }
        return (start & ((1L << bits) - 1)) == 0;
    }

    /**
     * Checks that {@code leafHash} is leaf {@code index} of the non-empty subtree {@code [start, end)} whose
     * hash is {@code subtreeRoot}: an RFC 9162 inclusion proof of {@code index - start} in a tree of
     * {@code end - start} leaves.
     */
    public static void verifyInclusion(long index, long start, long end, byte[] leafHash, List<byte[]> proof,
            byte[] subtreeRoot) throws ProofVerificationException {
        if (!isValidSubtree(start, end) || start == end) {
            throw invalidSubtree(start, end);
        }
        if (index < start || index >= end) {
            throw new ProofVerificationException(ProofVerificationException.Reason.INVALID_RANGE,
                    "leaf index " + Long.toUnsignedString(index) + " is outside the subtree");
        }
        InclusionVerifier.verify(index - start, end - start, leafHash, proof, subtreeRoot);
    }

    /**
     * Checks that {@code subtreeRoot} is the hash of leaves {@code [start, end)} of the tree of
     * {@code size} leaves whose root is {@code root}.
     *
     * <p>An empty subtree is consistent with any tree that reaches {@code start}, provided its hash is the
     * empty-tree hash and the proof is empty. A subtree that is the whole tree needs an empty proof and
     * equal roots. Otherwise let {@code M} be the tree node that starts at {@code start} with the same
     * height as the subtree: the proof is an RFC 9162 consistency proof from the subtree to {@code M}
     * (empty when they coincide) followed by the inclusion path of {@code M} in the tree.
     */
    public static void verifyConsistency(long start, long end, long size, byte[] subtreeRoot, byte[] root,
            List<byte[]> proof) throws ProofVerificationException {
        List<byte[]> path = ProofMath.orEmpty(proof);
        if (!isValidSubtree(start, end)) {
            throw invalidSubtree(start, end);
        }
        if (size < 0 || end > size) {
            throw new ProofVerificationException(ProofVerificationException.Reason.INVALID_RANGE,
                    "subtree ends beyond the tree size " + Long.toUnsignedString(size));
        }
        if (start == end) {
            ProofMath.requireLength(path, 0);
            ProofMath.requireMatch(MerkleHash.emptyRoot(), subtreeRoot, "empty subtree hash");
            return;
        }
        if (start == 0 && end == size) {
            ProofMath.requireLength(path, 0);
            if (subtreeRoot == null || root == null || !MessageDigest.isEqual(subtreeRoot, root)) {
                throw new ProofVerificationException(ProofVerificationException.Reason.ROOT_MISMATCH,
                        "subtree is the whole tree but the hashes differ");
            }
            return;
        }
        ProofMath.requireHash(subtreeRoot, "subtree hash");
        ProofMath.requireHash(root, "root hash");
        ProofMath.requireHashes(path);

        long width = end - start;
        int height = 64 - Long.numberOfLeadingZeros(width - 1);
        long nodeWidth = height >= 63 ? size - start : Math.min(1L << height, size - start);
        long nodeIndex = start >>> height;
        long nodesAtHeight = ((size - 1) >>> height) + 1;
        int innerLength = width == nodeWidth ? 0 : ProofMath.consistencyProofLength(width, nodeWidth);
        ProofMath.requireLength(path, innerLength + ProofMath.inclusionProofLength(nodeIndex, nodesAtHeight));

        byte[] nodeHash = width == nodeWidth
                ? subtreeRoot
                : ConsistencyVerifier.root2FromProof(width, nodeWidth, subtreeRoot, path.subList(0, innerLength));
        InclusionVerifier.verify(nodeIndex, nodesAtHeight, nodeHash, path.subList(innerLength, path.size()), root);
    }

    private static ProofVerificationException invalidSubtree(long start, long end) {
        return new ProofVerificationException(ProofVerificationException.Reason.INVALID_RANGE,
                "[" + Long.toUnsignedString(start) + ", " + Long.toUnsignedString(end) + ") is not a valid subtree");
    }
}
