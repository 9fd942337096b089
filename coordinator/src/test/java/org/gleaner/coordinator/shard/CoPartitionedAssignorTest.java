package org.gleaner.coordinator.shard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CoPartitionedAssignorTest {
    private static final List<String> TOPICS = List.of("pages", "links", "frontier");

    private static Cluster cluster(int partitions) {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> infos = new java.util.ArrayList<>();
        for (String t : TOPICS) {
            for (int p = 0; p < partitions; p++) {
                infos.add(new PartitionInfo(t, p, node, new Node[] {node}, new Node[] {node}));
            }
        }
        return new Cluster("c", List.of(node), infos, java.util.Set.of(), java.util.Set.of());
    }

    private static ConsumerPartitionAssignor.Subscription owning(int... partitions) {
        List<TopicPartition> owned = new java.util.ArrayList<>();
        for (int p : partitions) {
            TOPICS.forEach(t -> owned.add(new TopicPartition(t, p)));
        }
        return new ConsumerPartitionAssignor.Subscription(TOPICS, (ByteBuffer) null, owned);
    }

    private static Map<String, ConsumerPartitionAssignor.Assignment> assign(int partitions,
            Map<String, ConsumerPartitionAssignor.Subscription> members) {
        return new CoPartitionedAssignor().assign(cluster(partitions), new ConsumerPartitionAssignor.GroupSubscription(members))
                .groupAssignment();
    }

    private static List<Integer> indexes(ConsumerPartitionAssignor.Assignment a) {
        assertThat(a.partitions()).as("every topic of a partition goes to one member")
                .allSatisfy(tp -> assertThat(a.partitions().stream().filter(o -> o.partition() == tp.partition())).hasSize(TOPICS.size()));
        return a.partitions().stream().map(TopicPartition::partition).distinct().sorted().toList();
    }

    @Test
    void aFreshGroupSplitsThePartitionsInMemberOrder() {
        var out = assign(3, Map.of("a-1", owning(), "b-1", owning()));
        assertThat(indexes(out.get("a-1"))).containsExactly(0, 1);
        assertThat(indexes(out.get("b-1"))).containsExactly(2);
    }

    @Test
    void aJoiningMemberTakesOnlyWhatMustMoveAfterItsOwnerRevokedIt() {
        // A owns everything; B joins: A keeps 0 and 1, and 2 is left unassigned until A has revoked it.
        var first = assign(3, Map.of("a-1", owning(0, 1, 2), "b-1", owning()));
        assertThat(indexes(first.get("a-1"))).containsExactly(0, 1);
        assertThat(indexes(first.get("b-1"))).isEmpty();
        var second = assign(3, Map.of("a-1", owning(0, 1), "b-1", owning()));
        assertThat(indexes(second.get("a-1"))).containsExactly(0, 1);
        assertThat(indexes(second.get("b-1"))).containsExactly(2);
    }

    @Test
    void aLeavingMembersPartitionsGoToTheOthersWithoutMovingTheirs() {
        var out = assign(4, Map.of("a-1", owning(1), "c-1", owning(3)));
        assertThat(indexes(out.get("a-1"))).contains(1).hasSize(2);
        assertThat(indexes(out.get("c-1"))).contains(3).hasSize(2);
    }
}
