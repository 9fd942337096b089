package org.gleaner.builder.pii;

/**
 * Maps a normalized identifier to its commitment (32-byte keyed hash, lower-case hex) as registered in the
 * consent ledger. The real mapper is the ledger's authenticated, rate-limited commitment service, which holds
 * the key; the builder never does. Implementations must domain-separate by {@code kind}.
 */
public interface CommitmentMapper {

    /** @throws CommitmentUnavailableException when the service cannot answer (the build must then stop) */
    String commitmentHex(PiiKind kind, String normalizedValue) throws CommitmentUnavailableException;

    final class CommitmentUnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        public CommitmentUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
