package org.gleaner.builder.retention;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a superseded version keeps its data files: a superseded version's files are removed only once it was
 * superseded more than {@code keepFor} ago <em>and</em> it is not among the {@code keepLast} most recently
 * superseded versions. Its manifest, signature, card and {@code superseded.json} are never removed. The time a
 * version was superseded is the {@code created_at} of the signed deletion delta its marker names.
 */
public record RetentionPolicy(Duration keepFor, int keepLast) {
    /** 30 days, and the 2 most recently superseded versions whatever their age. */
    public static final RetentionPolicy DEFAULT = new RetentionPolicy(Duration.ofDays(30), 2);
    public static final int MAX_KEEP_LAST = 1_000_000;

    public RetentionPolicy {
        Objects.requireNonNull(keepFor, "keepFor");
        if (keepFor.isNegative()) {
            throw new IllegalArgumentException("the retention period must not be negative");
        }
        if (keepLast < 0 || keepLast > MAX_KEEP_LAST) {
            throw new IllegalArgumentException("keep-last must be 0 to " + MAX_KEEP_LAST);
        }
    }

    public static RetentionPolicy of(long keepDays, int keepLast) {
        if (keepDays < 0 || keepDays > 36_500) {
            throw new IllegalArgumentException("keep-days must be 0 to 36500");
        }
        return new RetentionPolicy(Duration.ofDays(keepDays), keepLast);
    }
}
