package org.gleaner.coordinator.credit;

import java.util.Map;

/** One node's credited pages and bytes and its refusals by reason, as a snapshot. */
public record NodeCredits(String nodeId, long pages, long bytes, Map<ReasonCode, Long> refusals) {
    public NodeCredits {
        refusals = Map.copyOf(refusals);
    }
}
