package org.gleaner.builder.pii;

import java.util.List;

/** Finds one kind of identifier in a text. */
public interface PiiDetector {
    /** The spans found, in text order; never overlapping each other. */
    List<PiiSpan> find(String text);
}
