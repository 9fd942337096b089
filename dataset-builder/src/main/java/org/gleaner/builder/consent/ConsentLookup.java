package org.gleaner.builder.consent;

import java.util.List;
import java.util.Objects;

/**
 * The builder's question to the consent ledger's view, as of one ledger checkpoint: has the subject behind
 * this identifier licensed this purpose? The consent ledger's consent view implements it; the builder never
 * sees identifiers in the ledger, only commitments (keyed hashes of normalized identifiers, which the
 * ledger's authenticated, rate-limited commitment service computes; the builder never holds the key).
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>Answers are a pure function of (commitment, purpose, checkpoint): asking again as of the same
 *       checkpoint gives the same answer, so a build can be re-checked by an auditor.</li>
 *   <li>A grant counts when it names the commitment and the purpose, its not-before/not-after interval holds at
 *       the checkpoint's time, and no revocation of it is in the log at or before the checkpoint's size.</li>
 *   <li>An unknown commitment, an unknown purpose or no active grant is {@link Decision#notLicensed()}, never
 *       an error; a checkpoint the view has not reached is an {@link UnknownCheckpointException}.</li>
 * </ul>
 * The build asks it once per distinct identifier (see {@code org.gleaner.builder.pii.PersonalDataFilter}); an
 * {@link UnknownCheckpointException} stops the build.
 */
public interface ConsentLookup {

    /** Which grants (by id, in ledger order) license the purpose for the commitment; empty: not licensed. */
    record Decision(List<String> grantIds) {
        public Decision {
            grantIds = List.copyOf(Objects.requireNonNull(grantIds, "grantIds"));
        }

        public static Decision notLicensed() {
            return new Decision(List.of());
        }

        public boolean licensed() {
            return !grantIds.isEmpty();
        }
    }

    /** A ledger checkpoint identified by its tree size and root hash (hex), as named in the manifest. */
    record Checkpoint(long treeSize, String rootHashHex) {
        public Checkpoint {
            if (treeSize < 0) {
                throw new IllegalArgumentException("treeSize must not be negative");
            }
            Objects.requireNonNull(rootHashHex, "rootHashHex");
            if (!rootHashHex.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("rootHashHex must be 64 lower-case hex digits");
            }
        }
    }

    /** The view has not reached (or does not know) the checkpoint the build asked about. */
    final class UnknownCheckpointException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnknownCheckpointException(String message) {
            super(message);
        }
    }

    /**
     * @param commitment the identifier's commitment (32 bytes, hex), from the ledger's commitment service
     * @param purpose    the dataset's purpose, e.g. {@code train-ai} or {@code train-genai}
     * @param checkpoint the checkpoint the build is made as of
     */
    Decision decide(String commitment, String purpose, Checkpoint checkpoint) throws UnknownCheckpointException;
}
