package org.gleaner.cli.topics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gleaner.coordinator.durable.CoordinatorTopics;
import org.gleaner.coordinator.shard.ShardTopics;
import org.gleaner.ledger.mirror.LedgerTopic;
import org.gleaner.protocol.Topics;

/**
 * Every Kafka topic a Gleaner network uses, with the shape each service relies on. Single-partition topics
 * are single on purpose (a total order: the ledger, its submissions, the coordinator's journal); the others
 * scale with {@code partitions}. Nothing the services write may expire unless it is a work stream.
 *
 * <p>The shared frontier's topics ({@code coordinator serve-shared}, {@link ShardTopics}) are here too, shaped as
 * {@link ShardTopics#ensureExist} creates them: the routed URLs and the per-partition journal have as many
 * partitions as the pages topic (partition {@code p} of each belongs to one owner, so serve-shared refuses to run
 * otherwise, and so are the links), jobs and reward epochs have one.
 */
public final class TopicPlan {
    /** Pages carry bodies of up to 16 MiB plus the receipt; the node's producer allows the same. */
    static final String PAGE_MESSAGE_BYTES = Integer.toString(18 * 1024 * 1024);
    private static final Map<String, String> KEEP_FOREVER = Map.of("cleanup.policy", "delete", "retention.ms", "-1",
            "retention.bytes", "-1");

    /**
     * One topic: name, partitions, and the configs it is created with.
     *
     * @param partitionedLike the topic whose partition count this one must have (null: any count will do)
     */
    public record TopicSpec(String name, int partitions, boolean singlePartition, String partitionedLike,
            Map<String, String> configs, String purpose) {
    }

    private TopicPlan() {
    }

    /** The topics for {@code topics}' prefix; {@code minInsyncReplicas} 0 leaves the cluster default. */
    public static List<TopicSpec> of(Topics topics, int partitions, int minInsyncReplicas) {
        CoordinatorTopics coordinator = new CoordinatorTopics(topics);
        ShardTopics shared = new ShardTopics(coordinator);
        return List.of(
                scaled(topics.pages(), partitions, withIsr(Map.of("max.message.bytes", PAGE_MESSAGE_BYTES,
                        "compression.type", "producer"), minInsyncReplicas), "fetched pages with signed receipts (nodes write)"),
                likePages(topics.links(), topics, partitions, withIsr(Map.of(), minInsyncReplicas), "outlinks (nodes write)"),
                scaled(coordinator.credits(), partitions, withIsr(KEEP_FOREVER, minInsyncReplicas), "credit events (coordinator)"),
                scaled(coordinator.statements(), partitions, withIsr(KEEP_FOREVER, minInsyncReplicas),
                        "signed reward statements (coordinator)"),
                single(coordinator.journal(), withIsr(KEEP_FOREVER, minInsyncReplicas), "job and lease journal (coordinator)"),
                single(topics.ledger(), withIsr(LedgerTopic.CONFIG, minInsyncReplicas), "the consent ledger's log (ledger only)"),
                single(topics.ledgerSubmissions(), withIsr(KEEP_FOREVER, minInsyncReplicas),
                        "entries submitted to the ledger (coordinator's reward roots)"),
                single(topics.revocations(), withIsr(KEEP_FOREVER, minInsyncReplicas), "revocation notices"),
                likePages(shared.frontier(), topics, partitions, withIsr(KEEP_FOREVER, minInsyncReplicas),
                        "shared frontier: URLs routed to their partition's owner (serve-shared)"),
                likePages(shared.journal(), topics, partitions, withIsr(KEEP_FOREVER, minInsyncReplicas),
                        "shared frontier: each partition's journal (serve-shared)"),
                single(shared.jobs(), withIsr(KEEP_FOREVER, minInsyncReplicas), "shared frontier: crawl jobs (serve-shared)"),
                single(shared.epochs(), withIsr(KEEP_FOREVER, minInsyncReplicas),
                        "shared frontier: reward epoch cuts and closes (serve-shared)"));
    }

    private static TopicSpec scaled(String name, int partitions, Map<String, String> configs, String purpose) {
        return new TopicSpec(name, partitions, false, null, configs, purpose);
    }

    private static TopicSpec likePages(String name, Topics topics, int partitions, Map<String, String> configs,
            String purpose) {
        return new TopicSpec(name, partitions, false, topics.pages(), configs, purpose);
    }

    private static TopicSpec single(String name, Map<String, String> configs, String purpose) {
        return new TopicSpec(name, 1, true, null, configs, purpose);
    }

    private static Map<String, String> withIsr(Map<String, String> configs, int minInsyncReplicas) {
        Map<String, String> all = new HashMap<>(configs);
        if (minInsyncReplicas > 0) {
            all.put("min.insync.replicas", Integer.toString(minInsyncReplicas));
        }
        return Map.copyOf(all);
    }
}
