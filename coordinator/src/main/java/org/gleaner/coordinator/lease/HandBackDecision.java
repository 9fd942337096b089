package org.gleaner.coordinator.lease;

/** The answer to a node handing back the unfetched URLs of its live lease. */
public sealed interface HandBackDecision {
    /** The lease ended; {@code returned} URLs went back to the frontier (those already credited stay credited). */
    record Accepted(int returned) implements HandBackDecision {
    }

    /** The lease is not live any more (completed, expired or released): its URLs return when it is released. */
    record NotLive() implements HandBackDecision {
    }

    /** Bad signature, replay, a lease of another node or unknown, or positions outside the lease. */
    record Refused(String reason) implements HandBackDecision {
    }
}
