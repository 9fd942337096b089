package org.gleaner.builder.revocation;

/**
 * The steps of publishing a delta, in order, each told to a {@link StepListener} after it is durable. Tests
 * throw from the listener to stand in for a crash right after a step.
 */
public enum PublishStep {
    /** Every affected version's compacted files, card, signature and staged manifest are written. */
    VERSIONS_STAGED,
    /** The delta's signature note is written (the delta itself is not). */
    DELTA_SIGNED,
    /** The delta is published: from here on the revocation is committed and start-up recovery completes it. */
    DELTA_COMMITTED,
    /** One compacted version's manifest is published. */
    VERSION_PUBLISHED,
    /** One old version is marked superseded. */
    SUPERSEDED_MARKED;

    @FunctionalInterface
    public interface StepListener {
        StepListener NONE = step -> { };

        void after(PublishStep step) throws java.io.IOException;
    }
}
