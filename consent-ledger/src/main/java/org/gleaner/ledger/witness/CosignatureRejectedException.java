package org.gleaner.ledger.witness;

/** A cosigned checkpoint was not accepted: not the latest checkpoint, not signed by the ledger, or no valid cosignature from a known witness. */
public class CosignatureRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public CosignatureRejectedException(String message) {
        super(message);
    }
}
