package org.gleaner.devnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.durable.CoordinatorTopics;
import org.gleaner.coordinator.durable.TopicReplay;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.codec.MalformedRecordException;

/**
 * The spot-check verdicts, read from the coordinator's committed credit events. A disagreement between the
 * original fetch and its check is arbitrated by a third node; the node in the minority gets the G110 penalty and
 * the nodes of the majority are named as its witnesses (decision 0034). Here a node's agreements count every
 * check in which it was on the majority's side, as original, checker or arbiter.
 */
record SpotCheckVerdicts(Map<String, Long> passedAsOriginal, Map<String, Long> failedAsOriginal,
        Map<String, Long> agreements, Map<String, Long> disagreements) {

    static SpotCheckVerdicts read(String bootstrapServers, Topics topics) throws MalformedRecordException {
        List<CreditEvent> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(bootstrapServers, new CoordinatorTopics(topics).credits(),
                CreditEvent.MAX_ENCODED)) {
            events.add(CreditEvent.decode(r.value()));
        }
        return of(events);
    }

    static SpotCheckVerdicts of(List<CreditEvent> events) {
        Map<String, Long> passed = new TreeMap<>();
        Map<String, Long> failed = new TreeMap<>();
        Map<String, Long> agreements = new TreeMap<>();
        Map<String, Long> disagreements = new TreeMap<>();
        for (CreditEvent event : events) {
            if (event.kind() == CreditEvent.Kind.SPOT_CHECK_AGREED) {
                passed.merge(event.nodeId(), 1L, Long::sum);
                agreements.merge(event.nodeId(), 1L, Long::sum);
                event.witnesses().forEach(w -> agreements.merge(w, 1L, Long::sum));
            } else if (event.kind() == CreditEvent.Kind.SPOT_CHECK_FAILED) {
                failed.merge(event.nodeId(), 1L, Long::sum);
                disagreements.merge(event.nodeId(), 1L, Long::sum);
                event.witnesses().forEach(w -> agreements.merge(w, 1L, Long::sum));
            }
        }
        return new SpotCheckVerdicts(Map.copyOf(passed), Map.copyOf(failed), Map.copyOf(agreements), Map.copyOf(disagreements));
    }

    long passed(String nodeId) {
        return passedAsOriginal.getOrDefault(nodeId, 0L);
    }

    long failed(String nodeId) {
        return failedAsOriginal.getOrDefault(nodeId, 0L);
    }

    /** Nodes the arbitrated spot checks found in the minority: their pages are left out of the dataset. */
    Set<String> distrusted() {
        return Set.copyOf(failedAsOriginal.keySet());
    }
}
