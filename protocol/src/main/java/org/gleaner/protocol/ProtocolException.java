package org.gleaner.protocol;

/** Base of every typed error the protocol raises on bad input: malformed, oversized, forged or unknown. */
public class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
