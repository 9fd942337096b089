package org.gleaner.node.operator;

import java.util.Map;

/** What the coordinator credited this node and why it refused or flagged some of its work, by reason code. */
public record NodeCreditsView(long creditedPages, long creditedBytes, Map<String, Reason> penalties, Map<String, Reason> fraudSignals) {
    public NodeCreditsView {
        penalties = Map.copyOf(penalties);
        fraudSignals = Map.copyOf(fraudSignals);
    }

    public record Reason(String code, String description, long count) {
    }
}
