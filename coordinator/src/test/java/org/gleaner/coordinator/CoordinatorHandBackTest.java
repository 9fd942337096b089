package org.gleaner.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.gleaner.coordinator.journal.JournalCodec;
import org.gleaner.coordinator.journal.JournalEvent;
import org.gleaner.coordinator.lease.HandBackDecision;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeaseHandBack;
import org.gleaner.protocol.lease.LeasedUrl;
import org.junit.jupiter.api.Test;

/** A node that stops early hands back the URLs it never fetched; they are leased again at once, never credited twice. */
class CoordinatorHandBackTest {
    private static final long START = 1_700_000_000_000L;
    private static final byte[] BODY = "<p>x</p>".getBytes(StandardCharsets.UTF_8);
    private static final CoordinatorConfig CONFIG = new CoordinatorConfig(Fixtures.ORIGIN, 4, Duration.ofSeconds(60),
            Duration.ofMillis(50), Duration.ofMinutes(5), 0);
    private static final List<String> SEEDS = List.of("http://a.example/1", "http://a.example/2", "http://a.example/3",
            "http://a.example/4");

    private final MutableClock clock = new MutableClock(START);
    private final Ed25519KeyPair key = Ed25519KeyPair.generate();
    private final Ed25519KeyPair nodeA = Ed25519KeyPair.generate();
    private final Ed25519KeyPair nodeB = Ed25519KeyPair.generate();
    private final InMemoryJournal journal = new InMemoryJournal();
    private final List<CreditEvent> credits = new ArrayList<>();
    private final Coordinator coordinator = new Coordinator(CONFIG, key, clock, journal);

    private CrawlLease lease(Coordinator c, Ed25519KeyPair node) {
        LeaseDecision d = c.requestLease(Fixtures.leaseRequest(node, 16, clock.millis()));
        assertThat(d).isInstanceOf(LeaseDecision.Granted.class);
        return ((LeaseDecision.Granted) d).lease().record();
    }

    private CreditEvent deliver(Coordinator c, Ed25519KeyPair node, CrawlLease lease, String url) {
        CreditEvent event = c.acceptPage(Fixtures.page(node, lease.leaseId(), url, clock.millis(), BODY));
        credits.add(event);
        return event;
    }

    private static Signed<LeaseHandBack> handBack(Ed25519KeyPair signer, Ed25519KeyPair node, String leaseId, List<Integer> positions,
            long atMillis) {
        return Signed.sign(new LeaseHandBack(Fixtures.keyOf(node), leaseId, positions, atMillis, Fixtures.nonce()),
                Fixtures.ORIGIN, signer);
    }

    private static List<String> urls(CrawlLease lease) {
        return lease.urls().stream().map(LeasedUrl::url).toList();
    }

    @Test
    void handedBackUrlsAreLeasedToAnotherNodeAtOnceAndCreditedOnlyThere() {
        coordinator.submit(new CrawlJob("job-1", SEEDS, Set.of("a.example"), 100, 0, "train-ai"));
        CrawlLease first = lease(coordinator, nodeA);
        assertThat(urls(first)).containsExactlyElementsOf(SEEDS);
        assertThat(deliver(coordinator, nodeA, first, SEEDS.get(0)).credited()).isTrue();

        HandBackDecision decision = coordinator.handBack(handBack(nodeA, nodeA, first.leaseId(), List.of(1, 2, 3), clock.millis()));

        assertThat(decision).isEqualTo(new HandBackDecision.Accepted(3));
        // No catch-up of the ingest is needed: the host is free and the URLs are queued again right away.
        CrawlLease second = lease(coordinator, nodeB);
        assertThat(urls(second)).containsExactlyElementsOf(SEEDS.subList(1, 4));
        // The first node no longer holds them: a page it sends for one earns nothing.
        assertThat(deliver(coordinator, nodeA, first, SEEDS.get(1)).reason()).contains(ReasonCode.URL_NOT_LEASED);
        for (String url : SEEDS.subList(1, 4)) {
            assertThat(deliver(coordinator, nodeB, second, url).credited()).isTrue();
        }
        assertThat(coordinator.creditedPages()).isEqualTo(4);
        coordinator.caughtUp(clock.millis() + 1);
        assertThat(coordinator.requestLease(Fixtures.leaseRequest(nodeB, 16, clock.millis())))
                .isInstanceOf(LeaseDecision.NoWorkYet.class);
    }

    @Test
    void aPageInFlightForAUrlThatWasNotHandedBackIsStillCredited() {
        coordinator.submit(new CrawlJob("job-1", SEEDS, Set.of("a.example"), 100, 0, "train-ai"));
        CrawlLease first = lease(coordinator, nodeA);
        assertThat(coordinator.handBack(handBack(nodeA, nodeA, first.leaseId(), List.of(2, 3), clock.millis())))
                .isEqualTo(new HandBackDecision.Accepted(2));
        assertThat(deliver(coordinator, nodeA, first, SEEDS.get(0)).credited()).isTrue();
        assertThat(deliver(coordinator, nodeA, first, SEEDS.get(1)).credited()).isTrue();
        assertThat(urls(lease(coordinator, nodeB))).containsExactly(SEEDS.get(2), SEEDS.get(3));
    }

    @Test
    void refusesForgedReplayedForeignAndOutOfRangeHandBacks() {
        coordinator.submit(new CrawlJob("job-1", SEEDS, Set.of("a.example"), 100, 0, "train-ai"));
        CrawlLease first = lease(coordinator, nodeA);

        assertThat(coordinator.handBack(handBack(nodeB, nodeA, first.leaseId(), List.of(0), clock.millis())))
                .as("signed by another key").isEqualTo(new HandBackDecision.Refused("bad signature"));
        assertThat(coordinator.handBack(handBack(nodeB, nodeB, first.leaseId(), List.of(0), clock.millis())))
                .as("not this node's lease").isInstanceOf(HandBackDecision.Refused.class);
        assertThat(coordinator.handBack(handBack(nodeA, nodeA, "no-such-lease", List.of(0), clock.millis())))
                .isInstanceOf(HandBackDecision.Refused.class);
        assertThat(coordinator.handBack(handBack(nodeA, nodeA, first.leaseId(), List.of(4), clock.millis())))
                .as("the lease has 4 URLs").isInstanceOf(HandBackDecision.Refused.class);
        assertThat(coordinator.handBack(handBack(nodeA, nodeA, first.leaseId(), List.of(0), clock.millis() - 3_600_000)))
                .as("stale").isInstanceOf(HandBackDecision.Refused.class);

        Signed<LeaseHandBack> good = handBack(nodeA, nodeA, first.leaseId(), List.of(0, 1, 2, 3), clock.millis());
        assertThat(coordinator.handBack(good)).isEqualTo(new HandBackDecision.Accepted(4));
        assertThat(coordinator.handBack(good)).as("replayed").isInstanceOf(HandBackDecision.Refused.class);
        assertThat(coordinator.handBack(handBack(nodeA, nodeA, first.leaseId(), List.of(0), clock.millis())))
                .as("the lease ended").isInstanceOf(HandBackDecision.NotLive.class);
        assertThat(urls(lease(coordinator, nodeB))).containsExactlyElementsOf(SEEDS);
    }

    @Test
    void aRestoredCoordinatorKnowsWhatWasHandedBack() throws Exception {
        coordinator.submit(new CrawlJob("job-1", SEEDS, Set.of("a.example"), 100, 0, "train-ai"));
        CrawlLease first = lease(coordinator, nodeA);
        deliver(coordinator, nodeA, first, SEEDS.get(0));
        coordinator.handBack(handBack(nodeA, nodeA, first.leaseId(), List.of(1, 2, 3), clock.millis()));
        CrawlLease second = lease(coordinator, nodeB);
        deliver(coordinator, nodeB, second, SEEDS.get(1));

        List<JournalEvent> events = new ArrayList<>();
        for (JournalEvent e : journal.events()) {
            events.add(JournalCodec.decode(JournalCodec.encode(e)));
        }
        assertThat(events).anyMatch(e -> e instanceof JournalEvent.UrlsHandedBack);
        Coordinator after = new Coordinator(CONFIG, key, clock, new InMemoryJournal());
        after.restore(events, credits);
        after.caughtUp(clock.millis() + 1);
        clock.advance(2);

        // The first lease's release puts nothing back twice; the second lease still holds what it did not deliver.
        assertThat(after.requestLease(Fixtures.leaseRequest(nodeA, 16, clock.millis())))
                .isInstanceOf(LeaseDecision.NoWorkYet.class);
        assertThat(deliver(after, nodeA, first, SEEDS.get(2)).reason()).contains(ReasonCode.URL_NOT_LEASED);
        assertThat(deliver(after, nodeB, second, SEEDS.get(2)).credited()).isTrue();
        assertThat(after.creditedPages()).isEqualTo(3);
    }
}
