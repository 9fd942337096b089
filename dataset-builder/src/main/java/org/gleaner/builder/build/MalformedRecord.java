package org.gleaner.builder.build;

/** A record on the pages topic that did not decode, and why. */
public record MalformedRecord(String topic, int partition, long offset, String reason) {
}
