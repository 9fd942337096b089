package org.gleaner.protocol.crypto;

import java.util.Objects;
import org.gleaner.protocol.ProtocolException;

/** An Ed25519 public key encoding that strict RFC 8032 validation refuses. */
public class InvalidKeyException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    /** Why the key was refused. */
    public enum Reason {
        /** Not exactly 32 bytes (or, for hex input, not 64 lowercase hex digits). */
        WRONG_LENGTH,
        /** Hex text that is not lowercase hexadecimal. */
        MALFORMED_TEXT,
        /** The y coordinate is not reduced modulo p (y >= 2^255 - 19). */
        NON_CANONICAL_ENCODING,
        /** No point on the curve has this y coordinate. */
        NOT_ON_CURVE,
        /** One of the eight points of order dividing 8, in any encoding. */
        SMALL_ORDER,
        /** A point with a small-order component added to it (mixed order); never produced by key generation. */
        NOT_IN_PRIME_ORDER_SUBGROUP
    }

    private final Reason reason;

    public InvalidKeyException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
