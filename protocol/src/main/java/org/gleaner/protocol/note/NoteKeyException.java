package org.gleaner.protocol.note;

import java.util.Objects;
import org.gleaner.protocol.ProtocolException;

/** A note signer or verifier key (or key name) that cannot be used. */
public class NoteKeyException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    /** Why the key was refused. */
    public enum Reason {
        /** Not of the form {@code <name>+<8 hex digits>+<base64>} (with {@code PRIVATE+KEY+} for signers). */
        MALFORMED,
        /** Empty, or contains a Unicode space or a plus sign. */
        INVALID_NAME,
        /** The key type byte is not 0x01 (Ed25519). */
        UNKNOWN_ALGORITHM,
        /** The key ID in the string is not the one computed from the name and key. */
        KEY_ID_MISMATCH,
        /** The Ed25519 key itself is refused by strict validation. */
        INVALID_KEY
    }

    private final Reason reason;

    public NoteKeyException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public NoteKeyException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
