package org.gleaner.coordinator.spotcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.coordinator.Fixtures.MutableClock;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.journal.InMemoryJournal;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeasedUrl;
import org.junit.jupiter.api.Test;

/** Every credited URL is spot-checked here (share 1.0), so the behaviour is deterministic. */
class SpotCheckTest {
    private static final CoordinatorConfig CONFIG = new CoordinatorConfig(Fixtures.ORIGIN, 8, Duration.ofSeconds(60),
            Duration.ofMillis(50), Duration.ofMinutes(5), 1.0);
    private static final String PAGE_1 = "http://a.example/1";
    private static final String PAGE_2 = "http://a.example/2";
    private static final String PAGE_3 = "http://a.example/3";

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final Ed25519KeyPair key = Ed25519KeyPair.generate();
    private final Ed25519KeyPair nodeA = Ed25519KeyPair.generate();
    private final Ed25519KeyPair nodeB = Ed25519KeyPair.generate();
    private final InMemoryJournal journal = new InMemoryJournal();
    private final Coordinator coordinator = new Coordinator(CONFIG, key, clock, journal);
    private final List<CreditEvent> committed = new ArrayList<>();

    private LeaseDecision ask(Coordinator c, Ed25519KeyPair node) {
        clock.advance(10);
        return c.requestLease(Fixtures.leaseRequest(node, 16, clock.millis()));
    }

    private CreditEvent deliver(Ed25519KeyPair node, CrawlLease lease, String url, String text) {
        CreditEvent event = coordinator.acceptPage(Fixtures.page(node, lease.leaseId(), url, clock.millis(),
                ("<html><body><p>" + text + "</p></body></html>").getBytes(StandardCharsets.UTF_8)));
        committed.add(event);
        committed.addAll(coordinator.drainSpotCheckOutcomes());
        return event;
    }

    private static CrawlLease granted(LeaseDecision d) {
        assertThat(d).isInstanceOf(LeaseDecision.Granted.class);
        return ((LeaseDecision.Granted) d).lease().record();
    }

    private static String article(String day) {
        return "Today is " + day + ". " + IntStream.range(0, 150).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
    }

    @Test
    void anotherNodeRefetchesAndDisagreementPenalizesTheFirstNodeWithG110() {
        coordinator.submit(new CrawlJob("job-1", List.of(PAGE_1, PAGE_2, PAGE_3), Set.of("a.example"), 10, 2, "train-ai"));
        CrawlLease original = granted(ask(coordinator, nodeA));
        assertThat(deliver(nodeA, original, PAGE_1, "static text that does not change").kind())
                .isEqualTo(CreditEvent.Kind.CREDITED_FOR_SPOT_CHECK);
        deliver(nodeA, original, PAGE_2, "the page node A claims to have seen, about apples and pears");
        deliver(nodeA, original, PAGE_3, article("Monday"));
        assertThat(coordinator.pendingSpotChecks()).isEqualTo(3);

        assertThat(ask(coordinator, nodeA)).as("a node never checks itself").isInstanceOf(LeaseDecision.NoWorkYet.class);
        CrawlLease check = granted(ask(coordinator, nodeB));
        assertThat(check.urls()).extracting(LeasedUrl::url).containsExactly(PAGE_1, PAGE_2, PAGE_3);
        assertThat(check.urls()).allSatisfy(u -> assertThat(u.depth()).as("no outlinks from a check").isEqualTo(2));

        assertThat(deliver(nodeB, check, PAGE_1, "static text that does not change").credited()).as("the checker is paid").isTrue();
        deliver(nodeB, check, PAGE_2, "a completely different page about trains, timetables and delays");
        deliver(nodeB, check, PAGE_3, article("Tuesday"));

        assertThat(committed).filteredOn(e -> e.kind() == CreditEvent.Kind.SPOT_CHECK_AGREED).extracting(CreditEvent::url)
                .containsExactlyInAnyOrder(PAGE_1, PAGE_3);
        assertThat(committed).filteredOn(e -> e.kind() == CreditEvent.Kind.SPOT_CHECK_FAILED).singleElement()
                .satisfies(e -> {
                    assertThat(e.url()).isEqualTo(PAGE_2);
                    assertThat(e.nodeId()).isEqualTo(nodeA.publicKey().fingerprint());
                });
        NodeCredits a = coordinator.credits().stream().filter(c -> c.nodeId().equals(nodeA.publicKey().fingerprint()))
                .findFirst().orElseThrow();
        assertThat(a.refusals()).containsEntry(ReasonCode.SPOT_CHECK_FAILED, 1L);
        assertThat(coordinator.pendingSpotChecks()).isZero();
        assertThat(coordinator.creditedPages()).isEqualTo(6);
    }

    @Test
    void pendingAndLeasedChecksSurviveARestart() {
        coordinator.submit(new CrawlJob("job-1", List.of(PAGE_1, PAGE_2), Set.of("a.example"), 10, 2, "train-ai"));
        CrawlLease original = granted(ask(coordinator, nodeA));
        deliver(nodeA, original, PAGE_1, "one");
        deliver(nodeA, original, PAGE_2, "two");
        ask(coordinator, nodeA);
        CrawlLease check = granted(ask(coordinator, nodeB));

        Coordinator restarted = new Coordinator(CONFIG, key, clock, new InMemoryJournal());
        restarted.restore(journal.events(), committed);
        assertThat(restarted.pendingSpotChecks()).isEqualTo(2);
        CreditEvent answer = restarted.acceptPage(Fixtures.page(nodeB, check.leaseId(), PAGE_1, clock.millis(),
                "<html><body><p>something else entirely, not one</p></body></html>".getBytes(StandardCharsets.UTF_8)));
        assertThat(answer.credited()).isTrue();
        assertThat(restarted.drainSpotCheckOutcomes()).singleElement()
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CreditEvent.Kind.SPOT_CHECK_FAILED));
        assertThat(restarted.pendingSpotChecks()).isEqualTo(1);
    }

    @Test
    void fingerprintsOfOneDynamicPageAreNearAndOfDifferentPagesFar() {
        org.gleaner.protocol.codec.Bytes monday = TextFingerprint.of(("<p>" + article("Monday") + "</p>").getBytes(StandardCharsets.UTF_8), "text/html");
        org.gleaner.protocol.codec.Bytes tuesday = TextFingerprint.of(("<p>" + article("Tuesday") + "</p>").getBytes(StandardCharsets.UTF_8), "text/html");
        org.gleaner.protocol.codec.Bytes other = TextFingerprint.of("<p>trains timetables delays platforms conductors tickets</p>".getBytes(StandardCharsets.UTF_8),
                "text/html");
        assertThat(TextFingerprint.nearDuplicates(monday, tuesday)).isTrue();
        assertThat(TextFingerprint.nearDuplicates(monday, other)).isFalse();
        assertThat(TextFingerprint.of("<b>x</b>".getBytes(StandardCharsets.UTF_8), "text/html"))
                .as("markup does not count").isEqualTo(TextFingerprint.of("x".getBytes(StandardCharsets.UTF_8), "text/plain"));
    }
}
