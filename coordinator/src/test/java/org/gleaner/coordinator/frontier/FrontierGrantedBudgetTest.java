package org.gleaner.coordinator.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gleaner.protocol.lease.LeasedUrl;
import org.junit.jupiter.api.Test;

/** A frontier whose job budget is shared with other partitions: it crawls only the allowance granted to it. */
class FrontierGrantedBudgetTest {
    private static Frontier frontier(int maxPages, String... seeds) {
        return new Frontier(new CrawlJob("job-b", List.of(seeds), Set.of("a.example"), maxPages, 3, "train-ai"), h -> true, true);
    }

    private static List<String> drain(Frontier f) {
        List<String> out = new ArrayList<>();
        for (Optional<Frontier.HostBatch> b = f.take(100, Set.of()); b.isPresent(); b = f.take(100, Set.of())) {
            b.get().urls().stream().map(LeasedUrl::url).forEach(out::add);
        }
        return out;
    }

    @Test
    void nothingIsQueuedBeforeAllowanceAndTheFirstFoundAreQueuedFirst() {
        Frontier f = frontier(10, "http://a.example/1", "http://a.example/2", "http://a.example/3");
        assertThat(f.queuedCount()).isZero();
        assertThat(f.isEmpty()).as("waiting for allowance is not done").isFalse();
        assertThat(f.budgetWanted()).contains(3L);
        assertThat(f.discovered()).isZero();

        f.grant(2, false);
        assertThat(drain(f)).containsExactly("http://a.example/1", "http://a.example/2");
        f.offer("http://a.example/4", 1);
        assertThat(f.budgetWanted()).contains(4L);
        f.grant(1, false);
        assertThat(f.queuedCount()).as("a smaller total never lowers the allowance").isZero();
        f.grant(4, false);
        assertThat(drain(f)).containsExactly("http://a.example/3", "http://a.example/4");
        assertThat(f.budgetWanted()).isEmpty();
        assertThat(f.isEmpty()).isTrue();
        assertThat(f.discovered()).isEqualTo(4);
    }

    @Test
    void aSpentBudgetEndsTheWaitAndNeverQueuesMore() {
        Frontier f = frontier(10, "http://a.example/1", "http://a.example/2", "http://a.example/3");
        f.grant(1, true);
        assertThat(drain(f)).containsExactly("http://a.example/1");
        assertThat(f.budgetWanted()).isEmpty();
        assertThat(f.isEmpty()).as("the waiting URLs will never be crawled").isTrue();
        assertThat(f.discovered()).isEqualTo(1);
    }

    @Test
    void replayedInAnyOrderTheAllowedUrlsAreTheFirstFound() {
        Frontier live = frontier(10, "http://a.example/1");
        live.offer("http://a.example/2", 1);
        live.grant(1, false);
        live.offer("http://a.example/3", 1);
        live.grant(2, false);

        Frontier replayed = frontier(10, "http://a.example/1");
        replayed.grant(2, false);
        replayed.restore(new LeasedUrl("http://a.example/2", 1));
        replayed.restore(new LeasedUrl("http://a.example/3", 1));
        assertThat(drain(replayed)).isEqualTo(drain(live)).containsExactly("http://a.example/1", "http://a.example/2");
    }

    @Test
    void aPartitionNeverHoldsMoreThanTheJobsBudgetOfWaitingUrls() {
        Frontier f = frontier(3, "http://a.example/1");
        for (int i = 2; i < 10; i++) {
            f.offer("http://a.example/" + i, 1);
        }
        assertThat(f.budgetWanted()).as("more could never be granted").contains(3L);
    }
}
