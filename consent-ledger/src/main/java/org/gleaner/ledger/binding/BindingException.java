package org.gleaner.ledger.binding;

/** An ownership proof failed or cannot be attempted; the message is safe to show and never holds the identifier. */
public class BindingException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason { UNKNOWN_CHALLENGE, EXPIRED, TOO_MANY_ATTEMPTS, WRONG_CODE, PROOF_NOT_FOUND, PROOF_MISMATCH, DELIVERY_FAILED, BUSY,
        BAD_SIGNATURE, STALE_REQUEST, REPLAYED_REQUEST, NOT_REGISTERED, RATE_LIMITED, UNSUPPORTED }

    private final Reason reason;

    public BindingException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
