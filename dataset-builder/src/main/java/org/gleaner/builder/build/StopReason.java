package org.gleaner.builder.build;

/** Why a build stopped reading and published what it had. */
public enum StopReason {
    /** As many pages as the limits expected were read. */
    EXPECTED_PAGES,
    /** Everything in the topic when the build started was read. */
    CAUGHT_UP,
    /** No record arrived for the idle timeout. */
    IDLE,
    /** The build ran for its maximum duration. */
    MAX_DURATION;

    /** True when the build read everything it was asked to, false when a timeout ended it. */
    public boolean complete() {
        return this == EXPECTED_PAGES || this == CAUGHT_UP;
    }
}
