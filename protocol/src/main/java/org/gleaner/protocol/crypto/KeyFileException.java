package org.gleaner.protocol.crypto;

import java.util.Objects;
import org.gleaner.protocol.ProtocolException;

/** A private key file that must not be used: unsafe permissions or unreadable content. */
public class KeyFileException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    /** Why the key file was refused. */
    public enum Reason {
        /** Group or other users have some access to the file; it must be owner-only (0600). */
        INSECURE_PERMISSIONS,
        /** The file is not in the documented key file format. */
        MALFORMED
    }

    private final Reason reason;

    public KeyFileException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
