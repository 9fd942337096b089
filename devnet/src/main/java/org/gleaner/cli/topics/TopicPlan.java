package org.gleaner.cli.topics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gleaner.coordinator.durable.CoordinatorTopics;
import org.gleaner.ledger.mirror.LedgerTopic;
import org.gleaner.protocol.Topics;

/**
 * Every Kafka topic a Gleaner network uses, with the shape each service relies on. Single-partition topics
 * are single on purpose (a total order: the ledger, its submissions, the coordinator's journal); the others
 * scale with {@code partitions}. Nothing the services write may expire unless it is a work stream.
 */
public final class TopicPlan {
    /** Pages carry bodies of up to 16 MiB plus the receipt; the node's producer allows the same. */
    static final String PAGE_MESSAGE_BYTES = Integer.toString(18 * 1024 * 1024);
    private static final Map<String, String> KEEP_FOREVER = Map.of("cleanup.policy", "delete", "retention.ms", "-1",
            "retention.bytes", "-1");

    /** One topic: name, partitions, and the configs it is created with. */
    public record TopicSpec(String name, int partitions, boolean singlePartition, Map<String, String> configs, String purpose) {
    }

    private TopicPlan() {
    }

    /** The topics for {@code topics}' prefix; {@code minInsyncReplicas} 0 leaves the cluster default. */
    public static List<TopicSpec> of(Topics topics, int partitions, int minInsyncReplicas) {
        CoordinatorTopics coordinator = new CoordinatorTopics(topics);
        return List.of(
                scaled(topics.pages(), partitions, withIsr(Map.of("max.message.bytes", PAGE_MESSAGE_BYTES,
                        "compression.type", "producer"), minInsyncReplicas), "fetched pages with signed receipts (nodes write)"),
                scaled(topics.links(), partitions, withIsr(Map.of(), minInsyncReplicas), "outlinks (nodes write)"),
                scaled(coordinator.credits(), partitions, withIsr(KEEP_FOREVER, minInsyncReplicas), "credit events (coordinator)"),
                scaled(coordinator.statements(), partitions, withIsr(KEEP_FOREVER, minInsyncReplicas),
                        "signed reward statements (coordinator)"),
                single(coordinator.journal(), withIsr(KEEP_FOREVER, minInsyncReplicas), "job and lease journal (coordinator)"),
                single(topics.ledger(), withIsr(LedgerTopic.CONFIG, minInsyncReplicas), "the consent ledger's log (ledger only)"),
                single(topics.ledgerSubmissions(), withIsr(KEEP_FOREVER, minInsyncReplicas),
                        "entries submitted to the ledger (coordinator's reward roots)"),
                single(topics.revocations(), withIsr(KEEP_FOREVER, minInsyncReplicas), "revocation notices"));
    }

    private static TopicSpec scaled(String name, int partitions, Map<String, String> configs, String purpose) {
        return new TopicSpec(name, partitions, false, configs, purpose);
    }

    private static TopicSpec single(String name, Map<String, String> configs, String purpose) {
        return new TopicSpec(name, 1, true, configs, purpose);
    }

    private static Map<String, String> withIsr(Map<String, String> configs, int minInsyncReplicas) {
        Map<String, String> all = new HashMap<>(configs);
        if (minInsyncReplicas > 0) {
            all.put("min.insync.replicas", Integer.toString(minInsyncReplicas));
        }
        return Map.copyOf(all);
    }
}
