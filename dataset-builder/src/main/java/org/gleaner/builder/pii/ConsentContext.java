package org.gleaner.builder.pii;

import java.util.Objects;
import org.gleaner.builder.consent.ConsentLookup;

/** Where consent answers come from: the ledger view, the commitment service and the checkpoint built as of. */
public record ConsentContext(ConsentLookup lookup, CommitmentMapper commitments, ConsentLookup.Checkpoint checkpoint) {
    public ConsentContext {
        Objects.requireNonNull(lookup, "lookup");
        Objects.requireNonNull(commitments, "commitments");
        Objects.requireNonNull(checkpoint, "checkpoint");
    }
}
