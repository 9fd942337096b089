package org.gleaner.ledger.log;

import java.io.IOException;

/** The stored log is damaged somewhere other than a torn final write, or cannot be read or written. */
public class LedgerStorageException extends IOException {
    private static final long serialVersionUID = 1L;

    public LedgerStorageException(String message) {
        super(message);
    }

    public LedgerStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
