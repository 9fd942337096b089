package org.gleaner.builder.pii;

import java.util.Objects;

/**
 * One identifier found in a text: {@code [start, end)} in UTF-16 indexes and its normalized form (the form
 * commitments are computed from, so the same person's identifier written two ways gets one commitment).
 */
public record PiiSpan(PiiKind kind, int start, int end, String normalized) {
    public PiiSpan {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(normalized, "normalized");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    public boolean overlaps(PiiSpan other) {
        return start < other.end && other.start < end;
    }
}
