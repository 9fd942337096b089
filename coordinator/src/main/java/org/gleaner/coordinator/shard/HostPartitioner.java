package org.gleaner.coordinator.shard;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Which frontier partition owns a host: the partition Kafka's default partitioner picks for a record keyed by
 * the host ({@code host[:port]}, as leases name it), so a node that keys its pages and links by its lease's host
 * sends them to the partition whose owner holds the lease.
 */
public record HostPartitioner(int partitions) {
    public HostPartitioner {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1");
        }
    }

    public int partitionOf(String host) {
        return Utils.toPositive(Utils.murmur2(host.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
