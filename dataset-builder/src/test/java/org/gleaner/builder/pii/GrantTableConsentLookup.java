package org.gleaner.builder.pii;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gleaner.builder.consent.ConsentLookup;

/**
 * TEST DOUBLE for the ledger's consent view: an in-memory table of (commitment, purpose) to grant ids, known
 * only as of one checkpoint; other checkpoints are unknown, as the contract says.
 */
public final class GrantTableConsentLookup implements ConsentLookup {
    private final Checkpoint checkpoint;
    private final Map<String, List<String>> grants = new HashMap<>();

    public GrantTableConsentLookup(Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
    }

    public void grant(String commitment, String purpose, String grantId) {
        grants.computeIfAbsent(commitment + "|" + purpose, k -> new ArrayList<>()).add(grantId);
    }

    @Override
    public Decision decide(String commitment, String purpose, Checkpoint asOf) throws UnknownCheckpointException {
        if (!asOf.equals(checkpoint)) {
            throw new UnknownCheckpointException("not reached: " + asOf.treeSize());
        }
        return new Decision(grants.getOrDefault(commitment + "|" + purpose, List.of()));
    }
}
