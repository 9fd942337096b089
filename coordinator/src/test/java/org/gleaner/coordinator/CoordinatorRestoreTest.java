package org.gleaner.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gleaner.coordinator.Fixtures.MutableClock;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.journal.InMemoryJournal;
import org.gleaner.coordinator.journal.JournalEvent;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeasedUrl;
import org.gleaner.protocol.page.LinkBatch;
import org.junit.jupiter.api.Test;

/** Replaying a coordinator's journal and credit events into a fresh one gives the same state. */
class CoordinatorRestoreTest {
    private static final long START = 1_700_000_000_000L;
    private static final Duration TTL = Duration.ofSeconds(60);
    private static final byte[] BODY = "<p>x</p>".getBytes(StandardCharsets.UTF_8);
    private static final CoordinatorConfig CONFIG = new CoordinatorConfig(Fixtures.ORIGIN, 2, TTL, Duration.ofMillis(50),
            Duration.ofMinutes(5), 0);

    private final MutableClock clock = new MutableClock(START);
    private final Ed25519KeyPair key = Ed25519KeyPair.generate();
    private final Ed25519KeyPair nodeA = Ed25519KeyPair.generate();
    private final Ed25519KeyPair nodeB = Ed25519KeyPair.generate();
    private final Ed25519KeyPair nodeC = Ed25519KeyPair.generate();
    private final InMemoryJournal journal = new InMemoryJournal();
    private final List<CreditEvent> credits = new ArrayList<>();
    private final Coordinator before = new Coordinator(CONFIG, key, clock, journal);

    private LeaseDecision ask(Coordinator c, Ed25519KeyPair node) {
        return c.requestLease(Fixtures.leaseRequest(node, 16, clock.millis()));
    }

    private static CrawlLease granted(LeaseDecision d) {
        assertThat(d).isInstanceOf(LeaseDecision.Granted.class);
        return ((LeaseDecision.Granted) d).lease().record();
    }

    private void deliver(Ed25519KeyPair node, CrawlLease lease, String url) {
        credits.add(before.acceptPage(Fixtures.page(node, lease.leaseId(), url, clock.millis(), BODY)));
    }

    private Coordinator restored() {
        Coordinator after = new Coordinator(CONFIG, key, clock, new InMemoryJournal());
        after.restore(journal.events(), credits);
        return after;
    }

    @Test
    void liveLeasesCreditsAndQueuedLinksSurviveAndNothingIsLeasedBeforeTheIngestCaughtUp() {
        before.submit(new CrawlJob("job-1", List.of("http://a.example/1", "http://a.example/2", "http://b.example/1"),
                Set.of("a.example", "b.example"), 100, 3, "train-ai"));
        CrawlLease leaseA = granted(ask(before, nodeA));
        deliver(nodeA, leaseA, "http://a.example/1");
        List<LeasedUrl> queued = before.acceptLinks(new LinkBatch(Fixtures.keyOf(nodeA), leaseA.leaseId(), "job-1",
                "http://a.example/1", 0, List.of("http://b.example/2")));
        journal.append(new JournalEvent.UrlsQueued("job-1", queued));

        Coordinator after = restored();
        assertThat(after.creditedPages()).isEqualTo(1);
        assertThat(after.stats().discoveredUrls()).isEqualTo(4);
        assertThat(ask(after, nodeB)).as("recovering").isInstanceOf(LeaseDecision.NoWorkYet.class);
        clock.advance(1);
        after.caughtUp(clock.millis());
        clock.advance(1);
        CrawlLease leaseB = granted(ask(after, nodeB));
        assertThat(leaseB.host()).as("a.example is still leased to A").isEqualTo("b.example");
        assertThat(leaseB.urls()).extracting(LeasedUrl::url).containsExactly("http://b.example/1", "http://b.example/2");
        assertThat(ask(after, nodeC)).isInstanceOf(LeaseDecision.NoWorkYet.class);

        // A's lease is known with its delivery: a replay is a duplicate, the rest is still creditable.
        assertThat(after.acceptPage(Fixtures.page(nodeA, leaseA.leaseId(), "http://a.example/1", clock.millis(), BODY)).reason())
                .contains(ReasonCode.DUPLICATE);
        assertThat(after.acceptPage(Fixtures.page(nodeA, leaseA.leaseId(), "http://a.example/2", clock.millis(), BODY))
                .credited()).isTrue();
    }

    @Test
    void releasedLeasesStayReleasedAndTheirUrlsQueuedExactlyOnce() {
        before.submit(new CrawlJob("job-1", List.of("http://a.example/1", "http://a.example/2"), Set.of("a.example"),
                100, 3, "train-ai"));
        CrawlLease first = granted(ask(before, nodeA));
        deliver(nodeA, first, "http://a.example/1");
        clock.advance(TTL.toMillis());
        before.tick();
        clock.advance(1);
        before.caughtUp(clock.millis());

        Coordinator after = restored();
        clock.advance(1);
        after.caughtUp(clock.millis());
        clock.advance(1);
        CrawlLease second = granted(ask(after, nodeB));
        assertThat(second.urls()).extracting(LeasedUrl::url).containsExactly("http://a.example/2");
        assertThat(after.acceptPage(Fixtures.page(nodeA, first.leaseId(), "http://a.example/2", clock.millis(), BODY)).reason())
                .contains(ReasonCode.LEASE_RELEASED);
    }

    @Test
    void aSettledLeaseIsReleasedOnlyAfterTheRestartedIngestCaughtUp() {
        before.submit(new CrawlJob("job-1", List.of("http://a.example/1"), Set.of("a.example"), 100, 3, "train-ai"));
        CrawlLease lease = granted(ask(before, nodeA));
        clock.advance(10);
        ask(before, nodeA);

        Coordinator after = restored();
        // The page was in Kafka, not yet judged, when the old instance died: it still earns credit.
        assertThat(after.acceptPage(Fixtures.page(nodeA, lease.leaseId(), "http://a.example/1", clock.millis(), BODY))
                .credited()).isTrue();
        clock.advance(1);
        after.caughtUp(clock.millis());
        assertThat(after.finished()).isTrue();
    }

    @Test
    void restoreNeedsAFreshCoordinator() {
        before.submit(new CrawlJob("job-1", List.of("http://a.example/1"), Set.of("a.example"), 100, 3, "train-ai"));
        assertThatThrownBy(() -> before.restore(journal.events(), credits)).isInstanceOf(IllegalStateException.class);
    }
}
