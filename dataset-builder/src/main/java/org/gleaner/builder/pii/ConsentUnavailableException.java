package org.gleaner.builder.pii;

/**
 * A consent answer could not be had (the commitment service failed, or the ledger view has not reached the
 * build's checkpoint). The build stops and publishes nothing rather than guess.
 */
public final class ConsentUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConsentUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
