package org.gleaner.devnet;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.durable.CoordinatorTopics;
import org.gleaner.coordinator.durable.TopicReplay;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.codec.MalformedRecordException;

/**
 * Spot-check outcomes per node (the node whose page was checked), read from the coordinator's committed
 * credit events. A node whose pages failed checks and never passed one is taken to alter content: an honest
 * node can fail a check only when the checker altered the page, and then its other checks still pass.
 */
record SpotCheckTally(Map<String, Long> passed, Map<String, Long> failed) {

    static SpotCheckTally read(String bootstrapServers, Topics topics) throws MalformedRecordException {
        Map<String, Long> passed = new TreeMap<>();
        Map<String, Long> failed = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(bootstrapServers, new CoordinatorTopics(topics).credits(),
                CreditEvent.MAX_ENCODED)) {
            CreditEvent event = CreditEvent.decode(r.value());
            if (event.kind() == CreditEvent.Kind.SPOT_CHECK_AGREED) {
                passed.merge(event.nodeId(), 1L, Long::sum);
            } else if (event.kind() == CreditEvent.Kind.SPOT_CHECK_FAILED) {
                failed.merge(event.nodeId(), 1L, Long::sum);
            }
        }
        return new SpotCheckTally(Map.copyOf(passed), Map.copyOf(failed));
    }

    long passed(String nodeId) {
        return passed.getOrDefault(nodeId, 0L);
    }

    long failed(String nodeId) {
        return failed.getOrDefault(nodeId, 0L);
    }

    /** Nodes whose pages failed spot checks and passed none. */
    Set<String> distrusted() {
        return failed.keySet().stream().filter(node -> passed(node) == 0).collect(Collectors.toUnmodifiableSet());
    }
}
