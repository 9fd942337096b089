package org.gleaner.protocol.merkle;

import java.util.List;

/** Verifies RFC 9162 §2.1.3.2 inclusion proofs. */
public final class InclusionVerifier {
    private InclusionVerifier() {
    }

    /**
     * Checks that {@code leafHash} is the leaf at {@code index} of the tree of {@code size} whose root is
     * {@code root}. A {@code null} proof is treated as empty.
     *
     * @throws ProofVerificationException if any hash is not 32 bytes, {@code index} is not below
     *     {@code size}, the proof has the wrong number of nodes, or the recomputed root differs
     */
    public static void verify(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root)
            throws ProofVerificationException {
        ProofMath.requireHash(root, "root hash");
        ProofMath.requireMatch(rootFromProof(index, size, leafHash, proof), root, "root hash");
    }

    /** The root implied by an inclusion proof, after checking its shape; see {@link #verify}. */
    public static byte[] rootFromProof(long index, long size, byte[] leafHash, List<byte[]> proof)
            throws ProofVerificationException {
        List<byte[]> path = ProofMath.orEmpty(proof);
        if (index < 0 || size <= 0 || index >= size) {
            throw new ProofVerificationException(ProofVerificationException.Reason.INVALID_RANGE,
                    "leaf index " + Long.toUnsignedString(index) + " is not below tree size "
                            + Long.toUnsignedString(size));
        }
        ProofMath.requireHash(leafHash, "leaf hash");
        ProofMath.requireHashes(path);
        ProofMath.requireLength(path, ProofMath.inclusionProofLength(index, size));

        // RFC 9162 §2.1.3.2: walk up from the leaf; fn tracks our node, sn the last node at each level.
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                throw wrongShape();
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHash.nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = MerkleHash.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw wrongShape();
        }
        return r;
    }

    private static ProofVerificationException wrongShape() {
        return new ProofVerificationException(ProofVerificationException.Reason.WRONG_PROOF_LENGTH,
                "proof does not fit the tree shape");
    }
}
