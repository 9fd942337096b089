package org.gleaner.coordinator.shard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.TopicPartition;

/**
 * Assigns frontier partitions to the coordinator instances of a shared frontier, cooperatively: partition {@code p} of
 * every subscribed topic (pages, links, routed URLs) always goes to one member, as a unit; members are ordered by
 * member id (which starts with the instance's name); each keeps the partitions it owns up to its fair share, and only
 * the partitions that must move do. A partition still owned by another member is left unassigned in this round: its
 * owner revokes it, rejoins, and the next round gives it to its new owner (the cooperative protocol's two steps), so a
 * rebalance rebuilds only the shards that move.
 */
public final class CoPartitionedAssignor implements ConsumerPartitionAssignor {
    public static final String NAME = "gleaner-copartitioned-cooperative";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RebalanceProtocol> supportedProtocols() {
        return List.of(RebalanceProtocol.COOPERATIVE);
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription group) {
        Map<String, Subscription> members = new TreeMap<>(group.groupSubscription());
        Set<String> topics = new TreeSet<>();
        members.values().forEach(s -> topics.addAll(s.topics()));
        int partitions = topics.stream().mapToInt(t -> {
            Integer n = metadata.partitionCountForTopic(t);
            return n == null ? 0 : n;
        }).min().orElse(0);
        Map<Integer, String> owners = new HashMap<>();
        members.forEach((member, s) -> s.ownedPartitions().forEach(tp -> owners.putIfAbsent(tp.partition(), member)));
        Map<String, List<Integer>> target = target(new ArrayList<>(members.keySet()), partitions, owners);

        Map<String, Assignment> out = new HashMap<>();
        target.forEach((member, indexes) -> {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p : indexes) {
                String owner = owners.get(p);
                if (owner == null || owner.equals(member)) {
                    members.get(member).topics().forEach(t -> assigned.add(new TopicPartition(t, p)));
                }
            }
            out.put(member, new Assignment(assigned));
        });
        return new GroupAssignment(out);
    }

    /**
     * The partitions each member should own: the first {@code partitions mod n} members (in id order) get one more than
     * the others; each keeps what it owns now, lowest first, up to its share; what is left goes, lowest first, to the
     * members below their share, in id order.
     */
    static Map<String, List<Integer>> target(List<String> members, int partitions, Map<Integer, String> owners) {
        Map<String, List<Integer>> target = new TreeMap<>();
        if (members.isEmpty()) {
            return target;
        }
        Map<String, Integer> share = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            share.put(members.get(i), partitions / members.size() + (i < partitions % members.size() ? 1 : 0));
            target.put(members.get(i), new ArrayList<>());
        }
        List<Integer> left = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            String owner = owners.get(p);
            if (owner != null && target.containsKey(owner) && target.get(owner).size() < share.get(owner)) {
                target.get(owner).add(p);
            } else {
                left.add(p);
            }
        }
        for (int p : left) {
            for (String member : members) {
                if (target.get(member).size() < share.get(member)) {
                    target.get(member).add(p);
                    break;
                }
            }
        }
        return target;
    }
}
