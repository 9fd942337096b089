package org.gleaner.builder.build;

import java.time.Duration;
import java.util.Objects;

/**
 * When a build stops reading and publishes. It stops at the first of: {@code expectedPages} pages decoded
 * (when positive), everything present at the start read (when {@code untilCaughtUp}), no record for
 * {@code idleTimeout}, or {@code maxDuration} elapsed. A build that stops on a timeout still publishes; its
 * {@link BuildResult#stopReason()} says so.
 */
public record BuildLimits(long expectedPages, boolean untilCaughtUp, Duration idleTimeout, Duration maxDuration) {

    public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(1);

    public BuildLimits {
        if (expectedPages < 0) {
            throw new IllegalArgumentException("expectedPages must not be negative");
        }
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("maxDuration", maxDuration);
    }

    /** Stop once {@code expectedPages} records decoded as pages (rows or skipped), or after {@code idleTimeout} of silence. */
    public static BuildLimits untilPages(long expectedPages, Duration idleTimeout) {
        if (expectedPages <= 0) {
            throw new IllegalArgumentException("expectedPages must be positive");
        }
        return new BuildLimits(expectedPages, false, idleTimeout, DEFAULT_MAX_DURATION);
    }

    /** Stop once everything in the topic when the build started has been read, or after {@code idleTimeout} of silence. */
    public static BuildLimits untilCaughtUp(Duration idleTimeout) {
        return new BuildLimits(0, true, idleTimeout, DEFAULT_MAX_DURATION);
    }

    /** Stop after {@code idleTimeout} with no new record. */
    public static BuildLimits untilIdle(Duration idleTimeout) {
        return new BuildLimits(0, false, idleTimeout, DEFAULT_MAX_DURATION);
    }

    public BuildLimits withMaxDuration(Duration max) {
        return new BuildLimits(expectedPages, untilCaughtUp, idleTimeout, max);
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
