package org.gleaner.ledger.log;

/**
 * The sequencer stopped because storage failed; its in-memory state may be ahead of the disk, so it takes
 * no more entries. Reopening the log rebuilds the state from what is durably stored.
 */
public class SequencerFailedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public SequencerFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
