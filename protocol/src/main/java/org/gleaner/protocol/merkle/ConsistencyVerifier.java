package org.gleaner.protocol.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/** Verifies RFC 9162 §2.1.4.2 consistency proofs between two tree heads. */
public final class ConsistencyVerifier {
    private ConsistencyVerifier() {
    }

    /**
     * Checks that the tree of {@code size1} with {@code root1} is a prefix of the tree of {@code size2}
     * with {@code root2}. A {@code null} proof is treated as empty.
     *
     * <p>Rules: {@code size1} must be positive (a proof from the empty tree proves nothing) and not above
     * {@code size2}. When the sizes are equal the proof must be empty and the roots identical; no hash is
     * computed then, so the roots are compared as given. Otherwise every hash must be 32 bytes, the proof
     * must have exactly the number of nodes the sizes imply, and both recomputed roots must match.
     */
    public static void verify(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof)
            throws ProofVerificationException {
        List<byte[]> path = ProofMath.orEmpty(proof);
        checkSizes(size1, size2);
        if (size1 == size2) {
            ProofMath.requireLength(path, 0);
            if (root1 == null || root2 == null || !MessageDigest.isEqual(root1, root2)) {
                throw new ProofVerificationException(ProofVerificationException.Reason.ROOT_MISMATCH,
                        "trees of equal size have different roots");
            }
            return;
        }
        ProofMath.requireHash(root2, "second root hash");
        ProofMath.requireMatch(root2FromProof(size1, size2, root1, path), root2, "second root hash");
    }

    /**
     * Checks the proof against {@code root1} and returns the root of the tree of {@code size2} it implies;
     * requires {@code 0 < size1 < size2}.
     */
    public static byte[] root2FromProof(long size1, long size2, byte[] root1, List<byte[]> proof)
            throws ProofVerificationException {
        List<byte[]> path = ProofMath.orEmpty(proof);
        checkSizes(size1, size2);
        if (size1 == size2) {
            throw new ProofVerificationException(ProofVerificationException.Reason.INVALID_RANGE,
                    "sizes are equal; there is no proof to check");
        }
        ProofMath.requireHash(root1, "first root hash");
        ProofMath.requireHashes(path);
        ProofMath.requireLength(path, ProofMath.consistencyProofLength(size1, size2));

        // RFC 9162 §2.1.4.2. When size1 is a power of two its root is itself the first node of the path.
        List<byte[]> nodes = path;
        if (ProofMath.isPowerOfTwo(size1)) {
            nodes = new ArrayList<>(path.size() + 1);
            nodes.add(root1);
            nodes.addAll(path);
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = nodes.get(0);
        byte[] sr = nodes.get(0);
        for (byte[] c : nodes.subList(1, nodes.size())) {
            if (sn == 0) {
                throw wrongShape();
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHash.nodeHash(c, fr);
                sr = MerkleHash.nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                sr = MerkleHash.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw wrongShape();
        }
        ProofMath.requireMatch(fr, root1, "first root hash");
        return sr;
    }

    private static void checkSizes(long size1, long size2) throws ProofVerificationException {
        if (size1 < 0 || size2 < 0) {
            throw new ProofVerificationException(ProofVerificationException.Reason.INVALID_RANGE,
                    "tree sizes above 2^63 - 1 are not supported");
        }
        if (size1 > size2) {
            throw new ProofVerificationException(ProofVerificationException.Reason.INVALID_RANGE,
                    "old tree size " + Long.toUnsignedString(size1) + " is above new tree size "
                            + Long.toUnsignedString(size2));
        }
        if (size1 == 0) {
            throw new ProofVerificationException(ProofVerificationException.Reason.INVALID_RANGE,
                    "a consistency proof from the empty tree proves nothing");
        }
    }

    private static ProofVerificationException wrongShape() {
        return new ProofVerificationException(ProofVerificationException.Reason.WRONG_PROOF_LENGTH,
                "proof does not fit the tree shape");
    }
}
