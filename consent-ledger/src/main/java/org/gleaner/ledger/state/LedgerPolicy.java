package org.gleaner.ledger.state;

import java.time.Duration;
import java.util.Set;
import org.gleaner.protocol.codec.Bytes;

/**
 * What the validator trusts: the ledger origin every signature is bound to, the identity verifier keys
 * allowed to attest bindings, the coordinator keys allowed to append reward roots, and how far an entry's
 * timestamp may stray from the sequencer's clock.
 */
public record LedgerPolicy(String origin, Set<Bytes> verifierKeys, Set<Bytes> coordinatorKeys, Duration maxClockSkew) {
    public LedgerPolicy {
        if (origin == null || origin.isBlank()) {
            throw new IllegalArgumentException("origin is required");
        }
        verifierKeys = Set.copyOf(verifierKeys);
        coordinatorKeys = Set.copyOf(coordinatorKeys);
        if (maxClockSkew.isNegative() || maxClockSkew.isZero()) {
            throw new IllegalArgumentException("maxClockSkew must be positive");
        }
    }

    boolean isRoleKey(Bytes key) {
        return verifierKeys.contains(key) || coordinatorKeys.contains(key);
    }
}
