package org.gleaner.node.operator;

/**
 * Credits and penalties as the operator sees them: {@code ok} with the coordinator's figures, {@code none-yet}
 * (nothing of this node's judged yet), {@code unavailable} (the coordinator did not answer; {@code message} says
 * why) or {@code not-configured} (no coordinator API address given).
 */
public record CreditsStatus(String state, String message, NodeCreditsView credits, long fetchedAtMillis) {
    public static CreditsStatus notConfigured() {
        return new CreditsStatus("not-configured", "start the node with --coordinator-api URL to see credits", null, 0);
    }
}
