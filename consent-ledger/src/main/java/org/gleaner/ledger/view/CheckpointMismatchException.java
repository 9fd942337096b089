package org.gleaner.ledger.view;

/** A checkpoint that does not verify, names another ledger, is ahead of the view, or disagrees with the entries the view holds. */
public class CheckpointMismatchException extends Exception {
    private static final long serialVersionUID = 1L;

    public CheckpointMismatchException(String message) {
        super(message);
    }
}
