package org.gleaner.ledger.mirror;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The ledger topic's shape: one partition (a single total order), never compacted or expired, so record
 * offset {@code i} always holds log entry {@code i} and a follower can check that nothing is missing or
 * doubled. Keys are the entry index as 8 big-endian bytes; values are the stored signed entries.
 */
public final class LedgerTopic {
    public static final int PARTITIONS = 1;
    public static final Map<String, String> CONFIG = Map.of(
            "cleanup.policy", "delete",
            "retention.ms", "-1",
            "retention.bytes", "-1",
            "max.message.bytes", String.valueOf(256 * 1024));

    private LedgerTopic() {
    }

    public static byte[] key(long index) {
        return ByteBuffer.allocate(8).putLong(index).array();
    }

    public static long index(byte[] key) {
        if (key == null || key.length != 8) {
            return -1;
        }
        return ByteBuffer.wrap(key).getLong();
    }
}
