package org.gleaner.protocol.merkle;

import java.util.Objects;
import org.gleaner.protocol.ProtocolException;

/** A Merkle inclusion or consistency proof that does not verify, with the reason. */
public class ProofVerificationException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    /** Why the proof was rejected. */
    public enum Reason {
        /** A leaf hash, root hash or proof node is not exactly 32 bytes. */
        MALFORMED_HASH,
        /** Indices or sizes that no proof can relate: index not below the size, old size above the new, size 0. */
        INVALID_RANGE,
        /** The proof has more or fewer nodes than the sizes require. */
        WRONG_PROOF_LENGTH,
        /** The hashes recomputed from the proof do not match the given root(s). */
        ROOT_MISMATCH
    }

    private final Reason reason;

    public ProofVerificationException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
