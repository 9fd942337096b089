package org.gleaner.protocol.merkle;

import java.security.MessageDigest;
import java.util.List;

/** Shared arithmetic and checks for proof generation and verification. */
final class ProofMath {
    private ProofMath() {
    }

    /** The largest power of two strictly below {@code n}; {@code n} must be at least 2. */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    static boolean isPowerOfTwo(long n) {
        return n > 0 && (n & (n - 1)) == 0;
    }

    /** Number of nodes in an inclusion proof for {@code index} in a tree of {@code size}; 0 <= index < size. */
    static int inclusionProofLength(long index, long size) {
        int inner = innerLength(index, size);
        return inner + Long.bitCount(index >>> inner);
    }

    /** Number of nodes in a consistency proof between sizes; 0 < size1 < size2. */
    static int consistencyProofLength(long size1, long size2) {
        int inner = innerLength(size1 - 1, size2);
        int border = Long.bitCount((size1 - 1) >>> inner);
        int shift = Long.numberOfTrailingZeros(size1);
        // The proof starts with the hash of the old tree's last complete subtree unless that is the whole old tree.
        int seed = size1 == 1L << shift ? 0 : 1;
        return seed + (inner - shift) + border;
    }

    /** Height of the lowest common ancestor of leaves {@code index} and {@code size - 1}. */
    private static int innerLength(long index, long size) {
        return 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    }

    static void requireHash(byte[] hash, String what) throws ProofVerificationException {
        if (!MerkleHash.isHash(hash)) {
            throw new ProofVerificationException(ProofVerificationException.Reason.MALFORMED_HASH,
                    what + " must be " + MerkleHash.SIZE + " bytes, got " + (hash == null ? "null" : hash.length));
        }
    }

    static void requireHashes(List<byte[]> proof) throws ProofVerificationException {
        for (int i = 0; i < proof.size(); i++) {
            requireHash(proof.get(i), "proof node " + i);
        }
    }

    static void requireLength(List<byte[]> proof, int expected) throws ProofVerificationException {
        if (proof.size() != expected) {
            throw new ProofVerificationException(ProofVerificationException.Reason.WRONG_PROOF_LENGTH,
                    "proof has " + proof.size() + " nodes, expected " + expected);
        }
    }

    static void requireMatch(byte[] computed, byte[] expected, String what) throws ProofVerificationException {
        if (expected == null || !MessageDigest.isEqual(computed, expected)) {
            throw new ProofVerificationException(ProofVerificationException.Reason.ROOT_MISMATCH,
                    what + " recomputed from the proof does not match");
        }
    }

    static List<byte[]> orEmpty(List<byte[]> proof) {
        return proof == null ? List.of() : proof;
    }
}
