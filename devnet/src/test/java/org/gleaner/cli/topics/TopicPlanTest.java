package org.gleaner.cli.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gleaner.coordinator.durable.CoordinatorTopics;
import org.gleaner.coordinator.shard.ShardTopics;
import org.gleaner.protocol.Topics;
import org.junit.jupiter.api.Test;

class TopicPlanTest {
    private final Topics topics = new Topics("net");
    private final ShardTopics shared = new ShardTopics(new CoordinatorTopics(topics));
    private final Map<String, TopicPlan.TopicSpec> plan = TopicPlan.of(topics, 6, 2).stream()
            .collect(Collectors.toMap(TopicPlan.TopicSpec::name, Function.identity()));

    @Test
    void theSharedFrontiersRoutedUrlsAndJournalArePartitionedLikeThePages() {
        for (String name : List.of(shared.frontier(), shared.journal(), topics.links())) {
            TopicPlan.TopicSpec spec = plan.get(name);
            assertThat(spec).as(name).isNotNull();
            assertThat(spec.partitions()).as(name).isEqualTo(plan.get(topics.pages()).partitions()).isEqualTo(6);
            assertThat(spec.singlePartition()).as(name).isFalse();
            assertThat(spec.partitionedLike()).as(name).isEqualTo(topics.pages());
        }
        assertThat(plan.get(topics.pages()).partitionedLike()).isNull();
    }

    @Test
    void theSharedJobsAndEpochsHaveOnePartition() {
        for (String name : List.of(shared.jobs(), shared.epochs())) {
            assertThat(plan.get(name)).as(name).isNotNull();
            assertThat(plan.get(name).partitions()).as(name).isEqualTo(1);
            assertThat(plan.get(name).singlePartition()).as(name).isTrue();
        }
    }

    @Test
    void theSharedFrontiersTopicsAreKeptForeverLikeServeSharedCreatesThem() {
        for (String name : List.of(shared.frontier(), shared.journal(), shared.jobs(), shared.epochs())) {
            assertThat(plan.get(name).configs()).as(name).containsEntry("cleanup.policy", "delete")
                    .containsEntry("retention.ms", "-1").containsEntry("retention.bytes", "-1")
                    .containsEntry("min.insync.replicas", "2");
        }
    }

    @Test
    void everyTopicIsPlannedOnce() {
        List<TopicPlan.TopicSpec> all = TopicPlan.of(topics, 3, 0);
        assertThat(all).extracting(TopicPlan.TopicSpec::name).doesNotHaveDuplicates()
                .contains("net.coordinator.frontier", "net.coordinator.shard-journal", "net.coordinator.jobs",
                        "net.coordinator.epochs");
        assertThat(all).allSatisfy(t -> assertThat(t.configs()).doesNotContainKey("min.insync.replicas"));
    }
}
