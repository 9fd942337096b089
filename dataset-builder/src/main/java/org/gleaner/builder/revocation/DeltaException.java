package org.gleaner.builder.revocation;

/** A deletion delta that does not verify, with a typed reason. */
public final class DeltaException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason { MISSING, MALFORMED, BAD_SIGNATURE, VERSION_MISMATCH }

    private final Reason reason;

    public DeltaException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
