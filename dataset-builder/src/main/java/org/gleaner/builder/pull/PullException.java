package org.gleaner.builder.pull;

/** A pull that stopped, with a reason a caller can branch on and a one-line message (never the lab key). */
public final class PullException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The API refused the lab key (401) or is unreachable or answered something unexpected. */
        API,
        /** The dataset or version does not exist on the server. */
        NOT_FOUND,
        /** The manifest or a delta is not signed by the pinned builder key, or signs something else. */
        BAD_SIGNATURE,
        /** The manifest or a delta is not well formed, or names another dataset or version. */
        MALFORMED,
        /** A downloaded file has another size, SHA-256 or row count than the signed manifest says. */
        FILE_MISMATCH,
        /** The target directory already holds something else. */
        TARGET_EXISTS
    }

    private final Reason reason;

    public PullException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PullException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
