package org.gleaner.protocol.note;

import java.util.Objects;
import org.gleaner.protocol.ProtocolException;

/** A signed note that cannot be produced or must not be trusted. */
public class NoteException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    /** Why the note was refused. */
    public enum Reason {
        /** Not a well-formed signed note (encoding, control characters, blank line, signature line syntax). */
        MALFORMED,
        /** Larger than {@link SignedNote#MAX_NOTE_BYTES}. */
        TOO_LARGE,
        /** More than {@link SignedNote#MAX_SIGNATURES} signature lines. */
        TOO_MANY_SIGNATURES,
        /** A signature from a known key (name and key ID) failed to verify. */
        INVALID_SIGNATURE,
        /** Well formed, but no signature is from a known key. */
        NO_VERIFIED_SIGNATURE
    }

    private final Reason reason;

    public NoteException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
