package org.gleaner.coordinator.ingest;

/**
 * Called after a batch's credit events and offsets were sent in its transaction and just before the commit.
 * Crash tests throw {@link SimulatedCrash} here to stop the ingest with the transaction still open, as a
 * killed process would leave it.
 */
@FunctionalInterface
public interface CommitHook {
    CommitHook NONE = batch -> { };

    void beforeCommit(long batchNumber);

    /** Stops the ingest on the spot: no commit, no abort, clients left as they are. */
    final class SimulatedCrash extends RuntimeException {
        public SimulatedCrash(String message) {
            super(message);
        }
    }
}
