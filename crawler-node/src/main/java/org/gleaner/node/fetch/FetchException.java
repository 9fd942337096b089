package org.gleaner.node.fetch;

import java.util.Optional;

/**
 * A fetch that produced no page, with a short kind for the operator's error counts. A redirect that leaves
 * the leased host carries its target, which the node reports as an outlink instead of following it.
 */
public final class FetchException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String kind;
    private final String redirectTarget;

    public FetchException(String kind, String message) {
        this(kind, message, null, null);
    }

    public FetchException(String kind, String message, Throwable cause) {
        this(kind, message, cause, null);
    }

    private FetchException(String kind, String message, Throwable cause, String redirectTarget) {
        super(message, cause);
        this.kind = kind;
        this.redirectTarget = redirectTarget;
    }

    public static FetchException offHost(String target) {
        return new FetchException("off-host", "redirect leaves the leased host", null, target);
    }

    public String kind() {
        return kind;
    }

    public Optional<String> redirectTarget() {
        return Optional.ofNullable(redirectTarget);
    }
}
