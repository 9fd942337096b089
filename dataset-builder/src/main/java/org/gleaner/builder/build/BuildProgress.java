package org.gleaner.builder.build;

/** Told the running counts of a build after each batch of records (for progress displays). */
@FunctionalInterface
public interface BuildProgress {
    BuildProgress NONE = (recordsRead, rows) -> { };

    void update(long recordsRead, long rows);
}
