package org.gleaner.ledger.audit;

/** The ledger failed an audit: a bad signature, a shrunk or forked log, or entries that do not hash to the signed root. */
public class AuditFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public AuditFailedException(String message) {
        super(message);
    }
}
