package org.gleaner.node.fetch;

/** A fetch that produced no page, with a short kind for the operator's error counts. */
public final class FetchException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String kind;

    public FetchException(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    public FetchException(String kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
