package org.gleaner.ledger.state;

/** The sequencer refused an entry; nothing was appended. */
public class EntryRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    public EntryRejectedException(RejectionReason reason, String detail) {
        super(reason.code() + " " + reason.description() + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
