package org.gleaner.coordinator.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.coordinator.durable.DurableCoordinatorFixture.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.ingest.CommitHook;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.gleaner.protocol.ledger.RewardRoot;
import org.gleaner.protocol.reward.RewardStatement;
import org.gleaner.protocol.reward.StatementBundle;
import org.gleaner.protocol.reward.StatementVerifier;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeasedUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the coordinator's ingest in the middle of a transaction (after its credit events and offsets were
 * sent, before the commit) on a real broker, restarts it from Kafka alone, and checks that every page is
 * credited exactly once and that no URL is leased twice at once across the restart.
 */
class CrashAndRestartIT {
    private static final CoordinatorConfig CONFIG = new CoordinatorConfig(Fixtures.ORIGIN, 10, Duration.ofMinutes(10),
            Duration.ofMillis(10), Duration.ofMinutes(5), 0);
    private static final int PER_HOST = 10;

    @TempDir
    Path dir;

    private final Ed25519KeyPair nodeA = Ed25519KeyPair.generate();
    private final Ed25519KeyPair nodeB = Ed25519KeyPair.generate();
    private final Ed25519KeyPair nodeC = Ed25519KeyPair.generate();
    private DurableCoordinatorFixture fixture;
    private KafkaTestNetwork network;
    private Clock clock;

    @BeforeEach
    void startBroker() {
        fixture = new DurableCoordinatorFixture(dir, CONFIG);
        network = fixture.network();
        clock = fixture.clock();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private static CrawlJob job() {
        List<String> seeds = new ArrayList<>();
        for (String host : List.of("a.example", "b.example")) {
            IntStream.range(0, PER_HOST).forEach(i -> seeds.add("http://" + host + "/p" + i));
        }
        return new CrawlJob("job-crash", seeds, Set.of("a.example", "b.example"), 1000, 3, "train-ai");
    }

    @Test
    void aCrashBetweenSendAndCommitLosesAndDoublesNothing() throws Exception {
        AtomicReference<DurableCoordinator> self = new AtomicReference<>();
        DurableCoordinator first = fixture.open(batch -> {
            if (self.get().coordinator().creditedPages() > PER_HOST) {
                throw new CommitHook.SimulatedCrash("killed before committing the batch with node B's pages");
            }
        });
        self.set(first);
        first.coordinator().submit(job());
        CrawlLease leaseA = fixture.lease(first, nodeA);
        CrawlLease leaseB = fixture.lease(first, nodeB);
        assertThat(leaseA.host()).isNotEqualTo(leaseB.host());

        network.deliver(nodeA, leaseA, clock);
        await(() -> committedCredited() == PER_HOST, "node A's pages are committed as credits");
        network.deliver(nodeB, leaseB, clock);
        await(() -> first.ingest().failure().isPresent(), "the ingest crashed");
        assertThat(first.coordinator().creditedPages()).as("in memory, the batch was applied").isGreaterThan(PER_HOST);
        assertThat(committedCredited()).as("durably, the batch never happened").isEqualTo(PER_HOST);

        DurableCoordinator second = fixture.open(CommitHook.NONE);
        assertThat(second.coordinator().creditedPages()).as("rebuilt from the credits topic").isGreaterThanOrEqualTo(PER_HOST);
        // Nothing leased twice at once: both leases are live again after the restart, so node C gets no URL of theirs.
        LeaseDecision forC = KafkaTestNetwork.ask(second.coordinator(), nodeC, clock);
        assertThat(forC).isInstanceOf(LeaseDecision.NoWorkYet.class);

        await(() -> second.coordinator().creditedPages() == 2L * PER_HOST, "the batch is judged again after the restart");
        await(() -> committedCredited() == 2L * PER_HOST, "and committed");
        // The nodes come back for more work: completing their leases lets the job finish.
        assertThat(KafkaTestNetwork.ask(second.coordinator(), nodeA, clock)).isNotInstanceOf(LeaseDecision.Granted.class);
        assertThat(KafkaTestNetwork.ask(second.coordinator(), nodeB, clock)).isNotInstanceOf(LeaseDecision.Granted.class);
        await(() -> second.coordinator().finished(), "the job finishes");

        List<CreditEvent> events = network.committedCredits();
        assertThat(KafkaTestNetwork.creditedPerLeaseUrl(events)).hasSize(2 * PER_HOST).allSatisfy((k, n) -> assertThat(n).isEqualTo(1L));
        assertThat(events).noneMatch(e -> e.reason().isPresent());
        assertThat(second.coordinator().credits()).allSatisfy(c -> assertThat(c.pages()).isEqualTo(PER_HOST));
    }

    @Test
    void aCleanRestartKeepsCreditsLeasesAndTheFrontier() throws Exception {
        DurableCoordinator first = fixture.open(CommitHook.NONE);
        first.coordinator().submit(job());
        CrawlLease leaseA = fixture.lease(first, nodeA);
        network.deliver(nodeA, leaseA, clock);
        network.sendRaw("garbage", new byte[] {1, 2, 3});
        await(() -> committedCredited() == PER_HOST && committedRefusals() == 1, "A's pages and the malformed record are judged");
        first.ingest().requestEpochClose();
        await(() -> first.epochs().lastEpoch() == 1, "epoch 1 closes");
        fixture.stop(first);

        DurableCoordinator second = fixture.open(CommitHook.NONE);
        assertThat(second.coordinator().creditedPages()).isEqualTo(PER_HOST);
        assertThat(second.epochs().lastEpoch()).isEqualTo(1);
        assertThat(second.epochs().latestStatements()).as("epoch 1's statements are served again after the restart")
                .containsOnlyKeys(nodeA.publicKey().fingerprint());
        assertThat(second.coordinator().credits()).anySatisfy(c -> assertThat(c.refusals()).containsEntry(ReasonCode.MALFORMED_RECORD, 1L));
        // A's lease is still live, and its pages are credited: after the restart B gets the other host.
        CrawlLease leaseB = fixture.lease(second, nodeB);
        assertThat(leaseB.host()).isNotEqualTo(leaseA.host());
        assertThat(leaseB.urls()).extracting(LeasedUrl::url).doesNotContainAnyElementsOf(
                leaseA.urls().stream().map(LeasedUrl::url).toList());
        network.deliver(nodeB, leaseB, clock);
        // A replay of A's pages (same signed receipts, sent again) earns nothing.
        network.deliver(nodeA, leaseA, clock);
        await(() -> committedCredited() == 3L * PER_HOST - PER_HOST && committedRefusals() == 1 + PER_HOST,
                "B's pages credited and A's replays refused");
        assertThat(KafkaTestNetwork.creditedPerLeaseUrl(network.committedCredits())).allSatisfy((k, n) -> assertThat(n).isEqualTo(1L));

        // Epochs continue after the restart; both roots are in the ledger submissions topic and every statement verifies.
        second.ingest().requestEpochClose();
        await(() -> second.epochs().lastEpoch() == 2, "epoch 2 closes after the restart");
        List<Signed<LedgerEntry>> roots = new ArrayList<>();
        for (var r : TopicReplay.readAll(network.bootstrap(), KafkaTestNetwork.TOPICS.ledgerSubmissions(), LedgerEntry.MAX_ENCODED + 128)) {
            roots.add(Signed.decode(r.value(), LedgerEntry.MAX_ENCODED, "entry", LedgerEntry::read));
        }
        assertThat(roots).hasSize(2).allSatisfy(e -> assertThat(e.verifies(Fixtures.ORIGIN, fixture.coordinatorKey().publicKey())).isTrue());
        assertThat(RewardRoot.decode(roots.get(1).record().payload().toArray()).epoch()).isEqualTo(2);
        Map<Long, Map<String, RewardStatement>> statements = new HashMap<>();
        for (var r : TopicReplay.readAll(network.bootstrap(), KafkaTestNetwork.TOPICS.prefix() + ".coordinator.statements",
                StatementBundle.MAX_ENCODED)) {
            RewardStatement st = StatementVerifier.verify(StatementBundle.decode(r.value()), Fixtures.ORIGIN, fixture.coordinatorKey().publicKey());
            statements.computeIfAbsent(st.epoch(), e -> new HashMap<>()).put(st.nodeKey().hex(), st);
        }
        String a = nodeA.publicKey().fingerprint();
        String b = nodeB.publicKey().fingerprint();
        assertThat(statements.get(1L)).containsOnlyKeys(a);
        assertThat(statements.get(2L)).containsOnlyKeys(a, b);
        assertThat(statements.get(2L).get(a).creditedPages()).isEqualTo(PER_HOST);
        assertThat(statements.get(2L).get(b).creditedPages()).isEqualTo(PER_HOST);
        assertThat(statements.get(2L).get(a).cumulativeAmount()).as("A's replays are penalized")
                .isLessThan(statements.get(1L).get(a).cumulativeAmount());
    }

    private long committedCredited() {
        return fixture.committed(CreditEvent::credited);
    }

    private long committedRefusals() {
        return fixture.committed(e -> !e.credited());
    }
}
