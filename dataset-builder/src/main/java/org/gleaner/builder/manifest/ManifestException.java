package org.gleaner.builder.manifest;

/** A manifest that cannot be trusted or read, with the reason as a type a caller can branch on. */
public final class ManifestException extends Exception {
    public enum Reason {
        /** manifest.json or its signature is missing. */
        MISSING,
        /** Too large, not canonical JSON, or a field out of range. */
        MALFORMED,
        /** The signature is not by the expected key, does not verify, or signs a different manifest. */
        BAD_SIGNATURE,
        /** A named file is missing, has another size, hash or row count, or escapes the directory. */
        FILE_MISMATCH
    }

    private final Reason reason;

    public ManifestException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ManifestException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
