package org.gleaner.coordinator.shard;

import org.gleaner.protocol.kafka.KafkaConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.gleaner.coordinator.durable.CoordinatorTopics;

/**
 * The topics of a frontier shared by several coordinator instances. The pages and links topics set the number of
 * frontier partitions; the routed-URL topic ({@code coordinator.frontier}) and the per-partition journal
 * ({@code coordinator.shard-journal}) have as many, so partition {@code p} of each belongs to the same owner. Jobs
 * go to {@code coordinator.jobs} (one partition), which every instance reads; reward epochs to {@code coordinator.epochs}
 * (one partition).
 */
public record ShardTopics(CoordinatorTopics owned) {
    public String frontier() {
        return owned.topics().prefix() + ".coordinator.frontier";
    }

    public String journal() {
        return owned.topics().prefix() + ".coordinator.shard-journal";
    }

    public String jobs() {
        return owned.topics().prefix() + ".coordinator.jobs";
    }

    /** Cuts and closes of reward epochs (one partition), written only by the holder of the closer role. */
    public String epochs() {
        return owned.topics().prefix() + ".coordinator.epochs";
    }

    /**
     * Creates the coordinator's topics if missing and returns the number of frontier partitions. Refuses to run when
     * pages and links are not partitioned alike: a host's pages, links and leases must meet at one owner.
     */
    public int ensureExist(String bootstrapServers) {
        return ensureExist(KafkaConnection.plaintext(bootstrapServers));
    }

    /** As {@link #ensureExist(String)}, signing in with the connection's client settings. */
    public int ensureExist(KafkaConnection kafka) {
        owned.ensureExist(kafka);
        try (Admin admin = Admin.create(ShardKafkaClients.admin(kafka))) {
            Map<String, TopicDescription> inputs = admin.describeTopics(List.of(owned.pages(), owned.links()))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            int partitions = inputs.get(owned.pages()).partitions().size();
            if (inputs.get(owned.links()).partitions().size() != partitions) {
                throw new IllegalStateException("topics " + owned.pages() + " and " + owned.links()
                        + " must have the same number of partitions to share a frontier");
            }
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Map<String, String> keepForever = Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1");
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : List.of(frontier(), journal())) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, (short) -1).configs(keepForever));
                }
            }
            for (String topic : List.of(jobs(), epochs())) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, 1, (short) -1).configs(keepForever));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
            }
            List<String> preexisting = List.of(frontier(), journal()).stream().filter(existing::contains).toList();
            Map<String, TopicDescription> internal = preexisting.isEmpty() ? Map.of()
                    : admin.describeTopics(preexisting).allTopicNames().get(30, TimeUnit.SECONDS);
            for (TopicDescription d : internal.values()) {
                if (d.partitions().size() != partitions) {
                    throw new IllegalStateException("topic " + d.name() + " has " + d.partitions().size()
                            + " partitions, the pages topic " + partitions + ": they must match");
                }
            }
            return partitions;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot prepare the shared frontier's topics: " + e.getCause().getMessage(), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + kafka.describe(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing topics", e);
        }
    }
}
