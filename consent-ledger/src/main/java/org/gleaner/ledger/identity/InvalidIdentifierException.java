package org.gleaner.ledger.identity;

/** An identifier that cannot be normalized: not a valid domain, email address or phone number. The message never repeats the identifier. */
public class InvalidIdentifierException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidIdentifierException(String message) {
        super(message);
    }
}
