package org.gleaner.builder.ingest;

import java.time.Duration;
import java.util.List;

/** Where a build reads page records from, from the beginning. The Kafka one is {@link KafkaPageSource}. */
public interface PageSource extends AutoCloseable {

    /** The next records, waiting at most {@code timeout}; empty when none arrived. */
    List<SourceRecord> poll(Duration timeout);

    /**
     * True once everything that was in the source when reading started has been returned (for Kafka: every
     * partition's position reached the end offset seen at assignment).
     */
    boolean caughtUp();

    /**
     * How far this build read, as {@code topic/partition -> next offset}, for the version to record (so the next
     * build can start exactly there even if {@link #commit} was lost); empty where the source has no positions.
     */
    default java.util.Map<String, Long> positions() {
        return java.util.Map.of();
    }

    /** Records, where the source supports it, how far this build read. Best effort: never throws. */
    void commit();

    @Override
    void close();
}
