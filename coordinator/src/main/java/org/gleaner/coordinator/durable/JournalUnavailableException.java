package org.gleaner.coordinator.durable;

/** The journal could not make a change durable, so the change was not applied. */
public final class JournalUnavailableException extends RuntimeException {
    public JournalUnavailableException(String message) {
        super(message);
    }

    public JournalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
