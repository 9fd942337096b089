package org.gleaner.coordinator.spotcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/**
 * Every credited URL is spot-checked here (share 1.0), so the behaviour is deterministic. Pages carry real
 * Ed25519-signed receipts; the coordinator verifies them as it does in production.
 */
class SpotCheckTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final CoordinatorConfig CONFIG = new CoordinatorConfig(Fixtures.ORIGIN, 8, Duration.ofSeconds(60),
            Duration.ofMillis(50), Duration.ofMinutes(5), 1.0, BOUND);
    private static final String PAGE_1 = "http://a.example/1";
    private static final String PAGE_2 = "http://a.example/2";
    private static final String PAGE_3 = "http://a.example/3";
    private static final String TRUE_TEXT = "the page as it really is, about apples and pears and orchards";
    private static final String FAKE_TEXT = "a completely different page about trains, timetables and delays";

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final Ed25519KeyPair key = Ed25519KeyPair.generate();
    private final Ed25519KeyPair nodeA = Ed25519KeyPair.generate();
    private final Ed25519KeyPair nodeB = Ed25519KeyPair.generate();
    private final Ed25519KeyPair nodeC = Ed25519KeyPair.generate();
    private final InMemoryJournal journal = new InMemoryJournal();
    private final Coordinator coordinator = new Coordinator(CONFIG, key, clock, journal);
    private final List<CreditEvent> committed = new ArrayList<>();

    private LeaseDecision ask(Coordinator c, Ed25519KeyPair node) {
        clock.advance(10);
        return c.requestLease(Fixtures.leaseRequest(node, 16, clock.millis()));
    }

    private CreditEvent deliver(Ed25519KeyPair node, CrawlLease lease, String url, String text) {
        return deliver(coordinator, node, lease, url, text);
    }

    /** Delivers a page and commits its credit event and any outcomes it decided, in the ingest's order. */
    private CreditEvent deliver(Coordinator c, Ed25519KeyPair node, CrawlLease lease, String url, String text) {
        CreditEvent event = c.acceptPage(Fixtures.page(node, lease.leaseId(), url, clock.millis(),
                ("<html><body><p>" + text + "</p></body></html>").getBytes(StandardCharsets.UTF_8)));
        committed.add(event);
        committed.addAll(c.drainSpotCheckOutcomes());
        return event;
    }

    private static CrawlLease granted(LeaseDecision d) {
        assertThat(d).isInstanceOf(LeaseDecision.Granted.class);
        return ((LeaseDecision.Granted) d).lease().record();
    }

    private static String article(String day) {
        return "Today is " + day + ". " + IntStream.range(0, 150).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
    }

    private static String id(Ed25519KeyPair node) {
        return node.publicKey().fingerprint();
    }

    private static NodeCredits account(Coordinator c, Ed25519KeyPair node) {
        return c.credits().stream().filter(n -> n.nodeId().equals(id(node))).findFirst()
                .orElse(new NodeCredits(id(node), 0, 0, Map.of()));
    }

    private List<CreditEvent> committedOf(CreditEvent.Kind kind) {
        return committed.stream().filter(e -> e.kind() == kind).toList();
    }

    /** A delivers PAGE_1 (checked later), B is leased the check: returns B's check lease. */
    private CrawlLease originalByAThenCheckLeasedToB(String textOfA) {
        coordinator.submit(new CrawlJob("job-1", List.of(PAGE_1), Set.of("a.example"), 10, 2, "train-ai"));
        CrawlLease original = granted(ask(coordinator, nodeA));
        assertThat(deliver(nodeA, original, PAGE_1, textOfA).kind()).isEqualTo(CreditEvent.Kind.CREDITED_FOR_SPOT_CHECK);
        assertThat(ask(coordinator, nodeA)).as("a node never checks itself").isInstanceOf(LeaseDecision.NoWorkYet.class);
        return granted(ask(coordinator, nodeB));
    }

    @Test
    void agreementOfTheCheckerSettlesTheCheckWithoutAnArbiter() {
        coordinator.submit(new CrawlJob("job-1", List.of(PAGE_1, PAGE_3), Set.of("a.example"), 10, 2, "train-ai"));
        CrawlLease original = granted(ask(coordinator, nodeA));
        deliver(nodeA, original, PAGE_1, "static text that does not change");
        deliver(nodeA, original, PAGE_3, article("Monday"));
        ask(coordinator, nodeA);
        CrawlLease check = granted(ask(coordinator, nodeB));
        assertThat(deliver(nodeB, check, PAGE_1, "static text that does not change").credited()).as("the checker is paid").isTrue();
        deliver(nodeB, check, PAGE_3, article("Tuesday"));

        assertThat(committedOf(CreditEvent.Kind.SPOT_CHECK_AGREED)).extracting(CreditEvent::url).containsExactlyInAnyOrder(PAGE_1, PAGE_3);
        assertThat(committedOf(CreditEvent.Kind.SPOT_CHECK_AGREED)).allSatisfy(e -> {
            assertThat(e.nodeId()).isEqualTo(id(nodeA));
            assertThat(e.witnesses()).containsExactly(id(nodeB));
        });
        assertThat(coordinator.pendingSpotChecks()).isZero();
        assertThat(coordinator.creditedPages()).isEqualTo(4);
    }

    @Test
    void aCheatingCheckerIsPenalisedAndTheHonestOriginalKeepsItsCredit() {
        CrawlLease check = originalByAThenCheckLeasedToB(TRUE_TEXT);
        CreditEvent checkersPage = deliver(nodeB, check, PAGE_1, FAKE_TEXT);
        assertThat(checkersPage.credited()).isTrue();
        assertThat(committedOf(CreditEvent.Kind.SPOT_CHECK_DISPUTED)).singleElement().satisfies(e -> {
            assertThat(e.nodeId()).isEqualTo(id(nodeB));
            assertThat(e.witnesses()).containsExactly(id(nodeA));
        });
        assertThat(committedOf(CreditEvent.Kind.SPOT_CHECK_FAILED)).as("a disagreement alone penalises nobody").isEmpty();
        assertThat(account(coordinator, nodeA).refusals()).isEmpty();

        assertThat(ask(coordinator, nodeB)).as("the checker does not arbitrate").isInstanceOf(LeaseDecision.NoWorkYet.class);
        assertThat(ask(coordinator, nodeA)).as("the original does not arbitrate").isInstanceOf(LeaseDecision.NoWorkYet.class);
        CrawlLease arbitration = granted(ask(coordinator, nodeC));
        assertThat(arbitration.urls()).extracting(LeasedUrl::url).containsExactly(PAGE_1);
        deliver(nodeC, arbitration, PAGE_1, TRUE_TEXT);

        assertThat(committedOf(CreditEvent.Kind.SPOT_CHECK_FAILED)).singleElement().satisfies(e -> {
            assertThat(e.nodeId()).isEqualTo(id(nodeB));
            assertThat(e.leaseId()).isEqualTo(check.leaseId());
            assertThat(e.reason()).contains(ReasonCode.SPOT_CHECK_FAILED);
            assertThat(e.witnesses()).containsExactlyInAnyOrder(id(nodeA), id(nodeC));
        });
        assertThat(account(coordinator, nodeB).refusals()).containsEntry(ReasonCode.SPOT_CHECK_FAILED, 1L);
        assertThat(account(coordinator, nodeB).pages()).as("the cheater's check credit is taken back").isZero();
        assertThat(account(coordinator, nodeA).refusals()).isEmpty();
        assertThat(account(coordinator, nodeA).pages()).isEqualTo(1);
        assertThat(account(coordinator, nodeC).pages()).isEqualTo(1);
        assertThat(coordinator.pendingSpotChecks()).isZero();
    }

    @Test
    void aCheatingOriginalIsPenalisedWhenCheckerAndArbiterAgree() {
        CrawlLease check = originalByAThenCheckLeasedToB(FAKE_TEXT);
        deliver(nodeB, check, PAGE_1, TRUE_TEXT);
        ask(coordinator, nodeB);
        CrawlLease arbitration = granted(ask(coordinator, nodeC));
        deliver(nodeC, arbitration, PAGE_1, TRUE_TEXT);

        assertThat(committedOf(CreditEvent.Kind.SPOT_CHECK_FAILED)).singleElement().satisfies(e -> {
            assertThat(e.nodeId()).isEqualTo(id(nodeA));
            assertThat(e.witnesses()).containsExactlyInAnyOrder(id(nodeB), id(nodeC));
        });
        assertThat(account(coordinator, nodeA).refusals()).containsEntry(ReasonCode.SPOT_CHECK_FAILED, 1L);
        assertThat(account(coordinator, nodeA).pages()).isZero();
        assertThat(account(coordinator, nodeA).bytes()).isZero();
        assertThat(account(coordinator, nodeB).refusals()).isEmpty();
        assertThat(account(coordinator, nodeB).pages()).isEqualTo(1);
    }

    @Test
    void withTwoNodesOnlyTheVerdictIsHeldThenRecordedAsUnjudgedAndNobodyIsPenalised() {
        CrawlLease check = originalByAThenCheckLeasedToB(TRUE_TEXT);
        deliver(nodeB, check, PAGE_1, FAKE_TEXT);
        assertThat(ask(coordinator, nodeB)).isInstanceOf(LeaseDecision.NoWorkYet.class);
        assertThat(ask(coordinator, nodeA)).isInstanceOf(LeaseDecision.NoWorkYet.class);
        clock.advance(1);
        coordinator.caughtUp(clock.millis());
        assertThat(coordinator.finished()).as("the crawl waits for the arbitration").isFalse();
        assertThat(coordinator.pendingSpotChecks()).isEqualTo(1);

        clock.advance(BOUND.toMillis());
        coordinator.tick();
        List<CreditEvent> unjudged = coordinator.drainSpotCheckOutcomes();
        assertThat(unjudged).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(CreditEvent.Kind.SPOT_CHECK_UNJUDGED);
            assertThat(e.nodeId()).isEqualTo(id(nodeA));
            assertThat(e.reason()).contains(ReasonCode.SPOT_CHECK_NO_ARBITER);
            assertThat(e.witnesses()).containsExactly(id(nodeB));
        });
        committed.addAll(unjudged);
        assertThat(account(coordinator, nodeA).refusals()).isEmpty();
        assertThat(account(coordinator, nodeB).refusals()).isEmpty();
        assertThat(account(coordinator, nodeA).pages()).isEqualTo(1);
        assertThat(account(coordinator, nodeB).pages()).isEqualTo(1);
        clock.advance(1);
        coordinator.caughtUp(clock.millis());
        assertThat(coordinator.finished()).isTrue();

        Coordinator replayed = new Coordinator(CONFIG, key, clock, new InMemoryJournal());
        replayed.restore(journal.events(), committed);
        assertThat(replayed.pendingSpotChecks()).as("an unjudged check stays decided after a restart").isZero();
        assertThat(replayed.credits()).isEqualTo(coordinator.credits());
    }

    @Test
    void aCheckNoOtherNodeLeasesIsRecordedAsUnjudgedOnceTheBoundPasses() {
        coordinator.submit(new CrawlJob("job-1", List.of(PAGE_1), Set.of("a.example"), 10, 2, "train-ai"));
        CrawlLease original = granted(ask(coordinator, nodeA));
        deliver(nodeA, original, PAGE_1, TRUE_TEXT);
        ask(coordinator, nodeA);
        clock.advance(1);
        coordinator.caughtUp(clock.millis());
        assertThat(coordinator.finished()).as("finished() waits for the pending check").isFalse();
        coordinator.tick();
        assertThat(coordinator.drainSpotCheckOutcomes()).as("not before the bound").isEmpty();

        clock.advance(BOUND.toMillis());
        coordinator.tick();
        assertThat(coordinator.drainSpotCheckOutcomes()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(CreditEvent.Kind.SPOT_CHECK_UNJUDGED);
            assertThat(e.reason()).contains(ReasonCode.SPOT_CHECK_NOT_LEASED);
            assertThat(e.url()).isEqualTo(PAGE_1);
        });
        assertThat(account(coordinator, nodeA).refusals()).isEmpty();
        clock.advance(1);
        coordinator.caughtUp(clock.millis());
        assertThat(coordinator.finished()).isTrue();
    }

    @Test
    void aRestartMidArbitrationGivesTheSameVerdictAndDoublesNothing() {
        CrawlLease check = originalByAThenCheckLeasedToB(TRUE_TEXT);
        deliver(nodeB, check, PAGE_1, FAKE_TEXT);
        ask(coordinator, nodeB);

        Coordinator restarted = new Coordinator(CONFIG, key, clock, journal);
        restarted.restore(journal.events(), List.copyOf(committed));
        assertThat(restarted.pendingSpotChecks()).isEqualTo(1);
        clock.advance(1);
        restarted.caughtUp(clock.millis());
        assertThat(ask(restarted, nodeA)).isInstanceOf(LeaseDecision.NoWorkYet.class);
        assertThat(ask(restarted, nodeB)).as("the checker is still known after the restart").isInstanceOf(LeaseDecision.NoWorkYet.class);
        CrawlLease arbitration = granted(ask(restarted, nodeC));
        deliver(restarted, nodeC, arbitration, PAGE_1, TRUE_TEXT);

        assertThat(committedOf(CreditEvent.Kind.SPOT_CHECK_FAILED)).singleElement()
                .satisfies(e -> assertThat(e.nodeId()).isEqualTo(id(nodeB)));
        assertThat(account(restarted, nodeB).refusals()).containsEntry(ReasonCode.SPOT_CHECK_FAILED, 1L);
        assertThat(account(restarted, nodeB).pages()).isZero();
        assertThat(account(restarted, nodeA).refusals()).isEmpty();

        // A second crash after the verdict was committed: the replay reaches the same book, the penalty applied once.
        Coordinator again = new Coordinator(CONFIG, key, clock, new InMemoryJournal());
        again.restore(journal.events(), List.copyOf(committed));
        assertThat(again.credits()).isEqualTo(restarted.credits());
        assertThat(again.pendingSpotChecks()).isZero();
        // The credits topic is partitioned by node: a replay may see one node's events before another's.
        List<CreditEvent> byNode = committed.stream().sorted(java.util.Comparator.comparing(CreditEvent::nodeId).reversed()).toList();
        Coordinator reordered = new Coordinator(CONFIG, key, clock, new InMemoryJournal());
        reordered.restore(journal.events(), byNode);
        assertThat(reordered.credits()).isEqualTo(restarted.credits());
    }

    @Test
    void anArbitrationLeasedBeforeTheRestartIsAnsweredAfterIt() {
        CrawlLease check = originalByAThenCheckLeasedToB(TRUE_TEXT);
        deliver(nodeB, check, PAGE_1, FAKE_TEXT);
        ask(coordinator, nodeB);
        CrawlLease arbitration = granted(ask(coordinator, nodeC));

        // The original's and the checker's leases are settled but not yet released: all three hold PAGE_1.
        // And the replay sees the checker's dispute before the original's credit (another partition of the topic).
        Coordinator restarted = new Coordinator(CONFIG, key, clock, journal);
        List<CreditEvent> reversed = new ArrayList<>(committed);
        java.util.Collections.reverse(reversed);
        restarted.restore(journal.events(), reversed);
        deliver(restarted, nodeC, arbitration, PAGE_1, TRUE_TEXT);

        assertThat(committedOf(CreditEvent.Kind.SPOT_CHECK_FAILED)).singleElement()
                .satisfies(e -> assertThat(e.nodeId()).isEqualTo(id(nodeB)));
        assertThat(restarted.pendingSpotChecks()).isZero();
    }

    @Test
    void aCheckLeaseLooksLikeOrdinaryWorkFieldByFieldExceptIds() {
        coordinator.submit(new CrawlJob("job-1", List.of(PAGE_1, PAGE_2, PAGE_3), Set.of("a.example"), 10, 2, "train-ai"));
        CrawlLease ordinary = granted(ask(coordinator, nodeA));
        for (LeasedUrl u : ordinary.urls()) {
            deliver(nodeA, ordinary, u.url(), "text of " + u.url());
        }
        ask(coordinator, nodeA);
        CrawlLease check = granted(ask(coordinator, nodeB));

        assertThat(check.jobId()).isEqualTo(ordinary.jobId());
        assertThat(check.host()).isEqualTo(ordinary.host());
        assertThat(check.urls()).as("same URLs at the same depth as the ordinary lease gave them").isEqualTo(ordinary.urls());
        assertThat(check.expiresAtMillis() - check.issuedAtMillis()).isEqualTo(ordinary.expiresAtMillis() - ordinary.issuedAtMillis());
        assertThat(check.crawlDelayMillis()).isEqualTo(ordinary.crawlDelayMillis());
        assertThat(check.nonce().length()).isEqualTo(ordinary.nonce().length());
        assertThat(check.leaseId()).isNotEqualTo(ordinary.leaseId());
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
