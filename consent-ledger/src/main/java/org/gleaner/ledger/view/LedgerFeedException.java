package org.gleaner.ledger.view;

/** The ledger feed skipped, reordered or forged an entry; the view stops rather than answer from a bad history. */
public class LedgerFeedException extends Exception {
    private static final long serialVersionUID = 1L;

    public LedgerFeedException(String message) {
        super(message);
    }
}
