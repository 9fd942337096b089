package org.gleaner.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gleaner.coordinator.Fixtures.MutableClock;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.journal.InMemoryJournal;
import org.gleaner.coordinator.journal.JournalCodec;
import org.gleaner.coordinator.journal.JournalEvent;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeasedUrl;
import org.junit.jupiter.api.Test;

/** Several jobs at once, recrawl intervals, and what a lab sees of its job's progress. */
class JobsTest {
    private static final long START = 1_700_000_000_000L;
    private static final byte[] BODY = "<html>ok</html>".getBytes(StandardCharsets.UTF_8);
    private static final CoordinatorConfig CONFIG = new CoordinatorConfig(Fixtures.ORIGIN, 4, Duration.ofSeconds(60),
            Duration.ofMillis(50), Duration.ofMinutes(5), 0);

    private final MutableClock clock = new MutableClock(START);
    private final Ed25519KeyPair coordinatorKey = Ed25519KeyPair.generate();
    private final Ed25519KeyPair nodeA = Ed25519KeyPair.generate();
    private final Ed25519KeyPair nodeB = Ed25519KeyPair.generate();
    private final InMemoryJournal journal = new InMemoryJournal();
    private final Coordinator coordinator = new Coordinator(CONFIG, coordinatorKey, clock, journal);

    private LeaseDecision ask(Coordinator c, Ed25519KeyPair node) {
        return c.requestLease(Fixtures.leaseRequest(node, 16, clock.millis()));
    }

    private static CrawlLease granted(LeaseDecision decision) {
        assertThat(decision).isInstanceOf(LeaseDecision.Granted.class);
        return ((LeaseDecision.Granted) decision).lease().record();
    }

    private void deliverAll(Coordinator c, Ed25519KeyPair node, CrawlLease lease) {
        for (LeasedUrl url : lease.urls()) {
            assertThat(c.acceptPage(Fixtures.page(node, lease.leaseId(), url.url(), clock.millis(), BODY)).credited()).isTrue();
        }
    }

    /** Settles the node's lease (it asks again) and lets the ingest catch up, so the lease is released. */
    private void settleAndCatchUp(Coordinator c, Ed25519KeyPair node) {
        LeaseDecision next = ask(c, node);
        assertThat(next).isNotInstanceOf(LeaseDecision.Granted.class);
        clock.advance(10);
        c.caughtUp(clock.millis());
        clock.advance(10);
    }

    @Test
    void runsSeveralJobsAtOnceTakingWorkFromEachInTurnAndReportsProgressPerJob() {
        coordinator.submit(new CrawlJob("lab-1", List.of("http://a.example/1", "http://a.example/2"), Set.of("a.example"), 100, 1, "train-ai"));
        coordinator.submit(new CrawlJob("lab-2", List.of("http://b.example/1"), Set.of("b.example"), 100, 1, "train-genai"));

        CrawlLease first = granted(ask(coordinator, nodeA));
        CrawlLease second = granted(ask(coordinator, nodeB));
        assertThat(List.of(first.jobId(), second.jobId())).containsExactlyInAnyOrder("lab-1", "lab-2");
        CrawlLease lab2 = first.jobId().equals("lab-2") ? first : second;
        Ed25519KeyPair lab2Node = lab2 == first ? nodeA : nodeB;
        assertThat(lab2.host()).isEqualTo("b.example");

        deliverAll(coordinator, lab2Node, lab2);
        assertThat(coordinator.progress("lab-2").orElseThrow().creditedPages()).isEqualTo(1);
        assertThat(coordinator.progress("lab-1").orElseThrow().creditedPages()).isZero();
        assertThat(coordinator.progress("lab-1").orElseThrow().openLeases()).isEqualTo(1);
        assertThat(coordinator.progress("nope")).isEmpty();

        settleAndCatchUp(coordinator, lab2Node);
        assertThat(coordinator.progress("lab-2").orElseThrow().finished()).as("lab-2 is done while lab-1 still runs").isTrue();
        assertThat(coordinator.progress("lab-1").orElseThrow().finished()).isFalse();
        assertThat(coordinator.finished()).isFalse();
        assertThat(coordinator.jobs()).extracting(Coordinator.JobProgress::jobId).containsExactly("lab-1", "lab-2");
    }

    @Test
    void limitsHowManyJobsRunAtOnce() {
        for (int i = 0; i < Coordinator.MAX_RUNNING_JOBS; i++) {
            coordinator.submit(new CrawlJob("job-" + i, List.of("http://a.example/" + i), Set.of("a.example"), 10, 0, "train-ai"));
        }
        assertThatThrownBy(() -> coordinator.submit(new CrawlJob("one-more", List.of("http://a.example/x"), Set.of("a.example"), 10, 0,
                "train-ai"))).isInstanceOf(IllegalStateException.class).hasMessageContaining("at most");
    }

    @Test
    void aRecrawledUrlIsLeasedAgainAfterItsIntervalAndNotBefore() {
        Duration interval = Duration.ofMinutes(30);
        coordinator.submit(new CrawlJob("fresh", List.of("http://a.example/news"), Set.of("a.example"), 100, 0, "train-ai",
                List.of(), List.of(), interval));
        CrawlLease lease = granted(ask(coordinator, nodeA));
        long creditedAt = clock.millis();
        deliverAll(coordinator, nodeA, lease);
        settleAndCatchUp(coordinator, nodeA);
        assertThat(coordinator.progress("fresh").orElseThrow().scheduledRecrawls()).isEqualTo(1);

        clock.set(creditedAt + interval.toMillis() - 1);
        assertThat(ask(coordinator, nodeB)).as("one millisecond early").isInstanceOf(LeaseDecision.NoWorkYet.class);
        assertThat(coordinator.finished()).as("a recrawling job never finishes").isFalse();

        clock.set(creditedAt + interval.toMillis());
        CrawlLease again = granted(ask(coordinator, nodeB));
        assertThat(again.urls()).extracting(LeasedUrl::url).containsExactly("http://a.example/news");
        deliverAll(coordinator, nodeB, again);
        assertThat(coordinator.progress("fresh").orElseThrow().creditedPages()).isEqualTo(2);
    }

    @Test
    void aRestartKeepsEveryJobAndNeverRecrawlsSooner() throws Exception {
        Duration interval = Duration.ofMinutes(30);
        coordinator.submit(new CrawlJob("fresh", List.of("http://a.example/news"), Set.of("a.example"), 100, 0, "train-ai",
                List.of(), List.of(), interval));
        coordinator.submit(new CrawlJob("once", List.of("http://b.example/1"), Set.of("b.example"), 100, 0, "train-ai"));
        List<CreditEvent> credits = new ArrayList<>();
        Set<String> jobs = new HashSet<>();
        for (Ed25519KeyPair node : List.of(nodeA, nodeB)) {
            CrawlLease lease = granted(ask(coordinator, node));
            jobs.add(lease.jobId());
            for (LeasedUrl url : lease.urls()) {
                credits.add(coordinator.acceptPage(Fixtures.page(node, lease.leaseId(), url.url(), clock.millis(), BODY)));
            }
        }
        assertThat(jobs).containsExactlyInAnyOrder("fresh", "once");
        List<JournalEvent> events = new ArrayList<>();
        for (JournalEvent e : journal.events()) {
            events.add(JournalCodec.decode(JournalCodec.encode(e)));
        }

        clock.advance(60_000);
        long restartedAt = clock.millis();
        Coordinator restored = new Coordinator(CONFIG, coordinatorKey, clock, new InMemoryJournal());
        restored.restore(events, credits);
        assertThat(restored.jobs()).extracting(Coordinator.JobProgress::jobId).containsExactly("fresh", "once");
        assertThat(restored.progress("fresh").orElseThrow().creditedPages()).isEqualTo(1);
        restored.caughtUp(clock.millis());
        Ed25519KeyPair nodeC = Ed25519KeyPair.generate();
        assertThat(ask(restored, nodeC)).isInstanceOf(LeaseDecision.NoWorkYet.class);

        clock.set(restartedAt + interval.toMillis() - 1);
        assertThat(ask(restored, nodeC)).as("the leases expired, but the recrawl is not due yet")
                .isInstanceOf(LeaseDecision.NoWorkYet.class);
        clock.set(restartedAt + interval.toMillis());
        CrawlLease again = granted(ask(restored, nodeC));
        assertThat(again.jobId()).isEqualTo("fresh");
    }
}
