package org.gleaner.builder.extract;

/** A document could not be turned into text. */
public class ExtractionException extends Exception {
    private static final long serialVersionUID = 1L;

    public ExtractionException(String message, Throwable cause) {
        super(message, cause);
    }
}
