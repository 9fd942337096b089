package org.gleaner.ledger.log;

/** The sequencer's queue is full: the caller should retry later (HTTP 503 with Retry-After). */
public class QueueFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public QueueFullException() {
        super("the ledger sequencer is busy; retry later");
    }
}
