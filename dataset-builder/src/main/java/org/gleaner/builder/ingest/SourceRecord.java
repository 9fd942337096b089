package org.gleaner.builder.ingest;

/** One record read from the pages topic, with where it came from. {@code value} may be null (a tombstone). */
public record SourceRecord(String topic, int partition, long offset, byte[] key, byte[] value) {

    /** {@code topic-partition@offset}, for logs. */
    public String position() {
        return topic + "-" + partition + "@" + offset;
    }
}
