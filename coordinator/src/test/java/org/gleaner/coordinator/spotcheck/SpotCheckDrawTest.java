package org.gleaner.coordinator.spotcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
import org.gleaner.coordinator.journal.JournalEvent;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeasedUrl;
import org.junit.jupiter.api.Test;

/**
 * The coordinator, not the order of requests, decides who checks and who arbitrates (issue 5, decision 0036).
 * Every credited page is checked (share 1.0). Pages carry real Ed25519-signed receipts; nodes ask from the addresses
 * given, as the lease API passes them.
 */
class SpotCheckDrawTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final Duration LEASE_TTL = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final Ed25519KeyPair key = Ed25519KeyPair.generate();
    private final InMemoryJournal journal = new InMemoryJournal();
    private final List<CreditEvent> committed = new ArrayList<>();
    private CoordinatorConfig config = config(64);
    private Coordinator coordinator = new Coordinator(config, key, clock, journal);

    private record Member(String name, Ed25519KeyPair key, String address, boolean honest) {
        static Member honest(String name, String address) {
            return new Member(name, Ed25519KeyPair.generate(), address, true);
        }

        static Member cheat(String name, String address) {
            return new Member(name, Ed25519KeyPair.generate(), address, false);
        }

        String id() {
            return key.publicKey().fingerprint();
        }

        Member asCheat() {
            return new Member(name, key, address, false);
        }
    }

    private static CoordinatorConfig config(int maxUrlsPerLease) {
        return new CoordinatorConfig(Fixtures.ORIGIN, maxUrlsPerLease, LEASE_TTL, Duration.ofMillis(50), Duration.ofMinutes(5), 1.0, BOUND);
    }

    private void useLeasesOf(int maxUrls) {
        config = config(maxUrls);
        coordinator = new Coordinator(config, key, clock, journal);
    }

    private LeaseDecision ask(Member m) {
        clock.advance(10);
        return coordinator.requestLease(Fixtures.leaseRequest(m.key(), 64, clock.millis()), m.address());
    }

    private static String text(String url, boolean honest) {
        return honest ? "the real page at " + url + " about apples, pears, orchards and the harvest of this autumn"
                : "sponsored content replaced by the node: casino bonus, cheap loans, miracle pills, click here now";
    }

    private void deliverAll(Member m, CrawlLease lease) {
        for (LeasedUrl u : lease.urls()) {
            committed.add(coordinator.acceptPage(Fixtures.page(m.key(), lease.leaseId(), u.url(), clock.millis(),
                    ("<html><body><p>" + text(u.url(), m.honest()) + "</p></body></html>").getBytes(StandardCharsets.UTF_8))));
            committed.addAll(coordinator.drainSpotCheckOutcomes());
        }
    }

    /** Every member asks in turn, cheats first, and fetches what it is leased, until the crawl and its checks are done. */
    private void crawlUntilSettled(List<Member> members) {
        for (int round = 0; round < 2_000 && !coordinator.finished(); round++) {
            for (Member m : members) {
                if (ask(m) instanceof LeaseDecision.Granted g) {
                    deliverAll(m, g.lease().record());
                }
            }
            clock.advance(100);
            coordinator.tick();
            committed.addAll(coordinator.drainSpotCheckOutcomes());
            coordinator.caughtUp(clock.millis());
        }
        assertThat(coordinator.finished()).as("the crawl and all its checks settle").isTrue();
        assertThat(coordinator.pendingSpotChecks()).isZero();
    }

    private List<JournalEvent.SpotCheckAssigned> assignments() {
        return journal.events().stream().filter(JournalEvent.SpotCheckAssigned.class::isInstance)
                .map(JournalEvent.SpotCheckAssigned.class::cast).toList();
    }

    private Map<String, String> nodeOfLease() {
        Map<String, String> out = new HashMap<>();
        journal.events().stream().filter(JournalEvent.LeaseGranted.class::isInstance).map(e -> ((JournalEvent.LeaseGranted) e).lease().record())
                .forEach(l -> out.put(l.leaseId(), l.nodeKey().hex()));
        return out;
    }

    /** For each assignment, the nodes that fetched the URL for that check before it: the original and, in arbitration, the checker. */
    private Set<String> partiesOf(JournalEvent.SpotCheckAssigned a) {
        Set<String> parties = new HashSet<>();
        String original = nodeOfLease().get(a.originalLeaseId());
        parties.add(original);
        if (a.arbitration()) {
            committed.stream().filter(e -> e.kind() == CreditEvent.Kind.SPOT_CHECK_DISPUTED && e.url().equals(a.url())
                    && e.witnesses().contains(original)).forEach(e -> parties.add(e.nodeId()));
        }
        return parties;
    }

    private NodeCredits account(Member m) {
        return coordinator.credits().stream().filter(n -> n.nodeId().equals(m.id())).findFirst()
                .orElse(new NodeCredits(m.id(), 0, 0, Map.of()));
    }

    private static CrawlLease granted(LeaseDecision d) {
        assertThat(d).isInstanceOf(LeaseDecision.Granted.class);
        return ((LeaseDecision.Granted) d).lease().record();
    }

    private static List<String> seeds(int hosts, int perHost) {
        return IntStream.range(0, hosts).boxed().flatMap(h -> IntStream.range(0, perHost).mapToObj(i -> "http://h" + h + ".example/p" + i))
                .toList();
    }

    private static Set<String> hostsOf(List<String> seeds) {
        return seeds.stream().map(s -> java.net.URI.create(s).getHost()).collect(Collectors.toSet());
    }

    private void submit(String jobId, List<String> seeds) {
        coordinator.submit(new CrawlJob(jobId, seeds, hostsOf(seeds), 1_000, 0, "train-ai"));
    }

    @Test
    void aNodeThatAsksFirstIsOnlyGivenTheChecksDrawnForIt() {
        Member a = Member.honest("a", "203.0.113.10");
        Member b = Member.honest("b", "192.0.2.1");
        Member c = Member.honest("c", "198.51.100.1");
        Member d = Member.honest("d", "100.64.5.1");
        List<String> pages = seeds(1, 48);
        submit("job-1", pages);
        CrawlLease original = granted(ask(a));
        for (Member m : List.of(b, c, d)) {
            assertThat(ask(m)).isInstanceOf(LeaseDecision.NoWorkYet.class);
        }
        deliverAll(a, original);
        ask(a);

        Map<String, String> checkerOf = new HashMap<>();
        assignments().forEach(e -> checkerOf.put(e.url(), e.assignees().get(0)));
        assertThat(checkerOf).as("every page's checker is drawn at once").hasSize(48);
        assertThat(Set.copyOf(checkerOf.values())).as("drawn among all active nodes but the original; P(miss) < 1e-8")
                .containsExactlyInAnyOrder(b.id(), c.id(), d.id());

        CrawlLease firstAsker = granted(ask(b));
        Set<String> drawnForB = checkerOf.entrySet().stream().filter(e -> e.getValue().equals(b.id())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertThat(firstAsker.urls()).extracting(LeasedUrl::url).as("asking first gets b only its own draws")
                .containsExactlyInAnyOrderElementsOf(drawnForB);
        assertThat(drawnForB).as("and not the checks drawn for c and d").hasSizeLessThan(48);
    }

    @Test
    void twoCheatsInOneNetworkNeverCheckOrArbitrateEachOtherAndHonestNodesAreNeverPenalised() {
        useLeasesOf(2);
        Member x = Member.cheat("x", "198.51.100.7");
        Member y = Member.cheat("y", "198.51.100.8");
        List<Member> honest = List.of(Member.honest("a", "203.0.113.10"), Member.honest("h1", "192.0.2.1"),
                Member.honest("h2", "100.64.5.1"));
        List<Member> everyone = new ArrayList<>(List.of(x, y));
        everyone.addAll(honest);
        submit("job-1", seeds(3, 4));
        crawlUntilSettled(everyone);

        assertNeitherCheatJudgesTheOther(x, y);
        assertThat(honest).allSatisfy(m -> assertThat(account(m).refusals()).doesNotContainKey(ReasonCode.SPOT_CHECK_FAILED));
        assertThat(account(x).refusals().getOrDefault(ReasonCode.SPOT_CHECK_FAILED, 0L)
                + account(y).refusals().getOrDefault(ReasonCode.SPOT_CHECK_FAILED, 0L)).as("the forged pages are caught").isPositive();
    }

    @Test
    void twoCheatsRegisteredInOneBurstAreNotDrawnAgainstEachOtherWhileOtherNodesAreActive() {
        useLeasesOf(2);
        Member x = Member.cheat("x", "198.51.100.7");
        Member y = Member.cheat("y", "203.0.113.99");
        List<Member> honest = List.of(Member.honest("a", "203.0.113.10"), Member.honest("h1", "192.0.2.1"),
                Member.honest("h2", "100.64.5.1"));
        submit("job-1", seeds(6, 4));
        // Independent operators join at different times; the two cheats join together, after them.
        for (Member m : honest) {
            granted(ask(m));
            clock.advance(NodeRoster.BURST_WINDOW_MILLIS + 60_000);
        }
        granted(ask(x));
        granted(ask(y));
        List<Member> everyone = new ArrayList<>(List.of(x, y));
        everyone.addAll(honest);
        crawlUntilSettled(everyone);

        assertNeitherCheatJudgesTheOther(x, y);
        assertThat(honest).allSatisfy(m -> assertThat(account(m).refusals()).doesNotContainKey(ReasonCode.SPOT_CHECK_FAILED));
        assertThat(account(x).refusals().getOrDefault(ReasonCode.SPOT_CHECK_FAILED, 0L)
                + account(y).refusals().getOrDefault(ReasonCode.SPOT_CHECK_FAILED, 0L)).isPositive();
    }

    private void assertNeitherCheatJudgesTheOther(Member x, Member y) {
        assertThat(assignments()).isNotEmpty().allSatisfy(a -> {
            Set<String> parties = partiesOf(a);
            if (parties.contains(x.id())) {
                assertThat(a.assignees()).doesNotContain(y.id());
            }
            if (parties.contains(y.id())) {
                assertThat(a.assignees()).doesNotContain(x.id());
            }
        });
        assertThat(assignments()).filteredOn(JournalEvent.SpotCheckAssigned::arbitration).isNotEmpty();
    }

    @Test
    void aDisputeIsJudgedByTwoArbitersAndARestartBetweenTheirAnswersKeepsBothTheDrawAndTheFirstAnswer() {
        Member a = Member.honest("a", "203.0.113.10");
        List<Member> everyone = List.of(a, Member.honest("b", "192.0.2.1"), Member.honest("c", "198.51.100.1"),
                Member.honest("d", "100.64.5.1"), Member.honest("e", "172.16.9.9"));
        submit("job-1", seeds(1, 1));
        CrawlLease original = granted(ask(a));
        everyone.forEach(this::ask);
        deliverAll(a, original);
        ask(a);
        // Whoever was drawn, the checker plays a cheat for this page.
        Member checker = memberOf(everyone, assignments().get(0).assignees().get(0)).asCheat();
        deliverAll(checker, granted(ask(checker)));
        assertThat(committed).filteredOn(e -> e.kind() == CreditEvent.Kind.SPOT_CHECK_DISPUTED).hasSize(1);
        assertThat(ask(checker)).as("the checker ends its lease (and does not arbitrate)").isInstanceOf(LeaseDecision.NoWorkYet.class);

        coordinator.tick();
        JournalEvent.SpotCheckAssigned arbitration = assignments().get(assignments().size() - 1);
        assertThat(arbitration.arbitration()).isTrue();
        assertThat(arbitration.wanted()).isEqualTo(2);
        assertThat(arbitration.assignees()).hasSize(2).doesNotContain(a.id(), checker.id());
        Member first = memberOf(everyone, arbitration.assignees().get(0));
        Member second = memberOf(everyone, arbitration.assignees().get(1));
        deliverAll(first, granted(ask(first)));
        ask(first);
        assertThat(committed).filteredOn(e -> e.kind() == CreditEvent.Kind.SPOT_CHECK_ARBITRATED).singleElement()
                .satisfies(e -> assertThat(e.nodeId()).isEqualTo(first.id()));
        assertThat(committed).as("one arbiter is not a majority").noneMatch(e -> e.kind() == CreditEvent.Kind.SPOT_CHECK_FAILED);

        int drawsBefore = assignments().size();
        coordinator = new Coordinator(config, key, clock, journal);
        coordinator.restore(journal.events(), List.copyOf(committed));
        clock.advance(1);
        coordinator.caughtUp(clock.millis());
        for (Member m : everyone) {
            if (!m.id().equals(second.id())) {
                assertThat(ask(m)).as(m.name() + " was not drawn for what is left").isInstanceOf(LeaseDecision.NoWorkYet.class);
            }
        }
        deliverAll(second, granted(ask(second)));
        assertThat(assignments()).as("the restart drew nobody new").hasSize(drawsBefore);
        assertThat(committed).filteredOn(e -> e.kind() == CreditEvent.Kind.SPOT_CHECK_FAILED).singleElement().satisfies(e -> {
            assertThat(e.nodeId()).isEqualTo(checker.id());
            assertThat(e.witnesses()).containsExactlyInAnyOrder(a.id(), first.id(), second.id());
        });
        assertThat(account(a).refusals()).isEmpty();
    }

    private static Member memberOf(List<Member> members, String id) {
        return members.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aRestartKeepsTheDrawnCheckerAndNobodyElseIsGivenTheCheck() {
        Member a = Member.honest("a", "203.0.113.10");
        List<Member> others = List.of(Member.honest("b", "192.0.2.1"), Member.honest("c", "198.51.100.1"),
                Member.honest("d", "100.64.5.1"));
        submit("job-1", seeds(1, 1));
        CrawlLease original = granted(ask(a));
        others.forEach(this::ask);
        deliverAll(a, original);
        ask(a);
        String drawn = assignments().get(0).assignees().get(0);

        coordinator = new Coordinator(config, key, clock, journal);
        coordinator.restore(journal.events(), List.copyOf(committed));
        clock.advance(1);
        coordinator.caughtUp(clock.millis());
        for (Member m : others) {
            if (!m.id().equals(drawn)) {
                assertThat(ask(m)).isInstanceOf(LeaseDecision.NoWorkYet.class);
            }
        }
        Member checker = others.stream().filter(m -> m.id().equals(drawn)).findFirst().orElseThrow();
        deliverAll(checker, granted(ask(checker)));
        assertThat(assignments()).as("no second draw").hasSize(1);
        assertThat(committed).filteredOn(e -> e.kind() == CreditEvent.Kind.SPOT_CHECK_AGREED).singleElement()
                .satisfies(e -> assertThat(e.witnesses()).containsExactly(drawn));
    }

    @Test
    void aDrawnCheckerThatDoesNotAnswerWithinTheBoundIsReplacedAndNotDrawnAgain() {
        Member a = Member.honest("a", "203.0.113.10");
        List<Member> others = List.of(Member.honest("b", "192.0.2.1"), Member.honest("c", "198.51.100.1"),
                Member.honest("d", "100.64.5.1"));
        submit("job-1", seeds(1, 1));
        CrawlLease original = granted(ask(a));
        others.forEach(this::ask);
        deliverAll(a, original);
        ask(a);
        String silent = assignments().get(0).assignees().get(0);
        List<Member> answering = others.stream().filter(m -> !m.id().equals(silent)).toList();

        clock.advance(BOUND.toMillis());
        coordinator.tick();
        JournalEvent.SpotCheckAssigned replacement = assignments().get(assignments().size() - 1);
        assertThat(replacement.replaced()).containsExactly(silent);
        assertThat(replacement.assignees()).singleElement().isIn(answering.stream().map(Member::id).toList());
        assertThat(coordinator.drainSpotCheckOutcomes()).as("replaced, not skipped as unjudged").isEmpty();

        Member late = others.stream().filter(m -> m.id().equals(silent)).findFirst().orElseThrow();
        assertThat(ask(late)).as("the replaced node is not given the check any more").isInstanceOf(LeaseDecision.NoWorkYet.class);
        Member checker = answering.stream().filter(m -> m.id().equals(replacement.assignees().get(0))).findFirst().orElseThrow();
        deliverAll(checker, granted(ask(checker)));
        assertThat(committed).filteredOn(e -> e.kind() == CreditEvent.Kind.SPOT_CHECK_AGREED).singleElement()
                .satisfies(e -> assertThat(e.witnesses()).containsExactly(checker.id()));
    }

    @Test
    void whenEveryDrawableNodeWasReplacedTheCheckIsUnjudgedAndCostsNobodyAnything() {
        Member a = Member.honest("a", "203.0.113.10");
        List<Member> silent = List.of(Member.honest("b", "192.0.2.1"), Member.honest("c", "198.51.100.1"));
        submit("job-1", seeds(1, 1));
        CrawlLease original = granted(ask(a));
        silent.forEach(this::ask);
        deliverAll(a, original);
        ask(a);
        for (int i = 0; i < 3; i++) {
            clock.advance(BOUND.toMillis());
            coordinator.tick();
        }
        assertThat(assignments()).last().satisfies(e -> {
            assertThat(e.assignees()).isEmpty();
            assertThat(e.replaced()).containsExactlyInAnyOrderElementsOf(silent.stream().map(Member::id).toList());
        });
        assertThat(coordinator.drainSpotCheckOutcomes()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(CreditEvent.Kind.SPOT_CHECK_UNJUDGED);
            assertThat(e.reason()).contains(ReasonCode.SPOT_CHECK_NOT_LEASED);
        });
        assertThat(coordinator.pendingSpotChecks()).isZero();
        assertThat(account(a).refusals()).isEmpty();
    }
}
