package org.gleaner.coordinator.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.coordinator.durable.DurableCoordinatorFixture.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.ingest.CommitHook;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An honest node A crawls, a cheating node B is given the spot checks and sends other pages, an honest node C
 * arbitrates. The coordinator's ingest is killed after it applied C's verdict in memory and before it committed
 * it, on a real broker; after the restart the verdict is the same, B is penalised once per page and A keeps
 * its credit.
 */
class SpotCheckArbitrationIT {
    private static final CoordinatorConfig CONFIG = new CoordinatorConfig(Fixtures.ORIGIN, 10, Duration.ofMinutes(10),
            Duration.ofMillis(10), Duration.ofMinutes(5), 1.0, Duration.ofMinutes(10));
    private static final List<String> SEEDS = List.of("http://a.example/p0", "http://a.example/p1");

    @TempDir
    Path dir;

    private final Ed25519KeyPair honestA = Ed25519KeyPair.generate();
    private final Ed25519KeyPair cheatB = Ed25519KeyPair.generate();
    private final Ed25519KeyPair honestC = Ed25519KeyPair.generate();
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

    private static String truePage(String url) {
        return "<html><body><p>The real page at " + url + " about orchards, apples, pears, plums, cherries, blossom, "
                + "pruning in winter, grafting in spring and the harvest in the autumn months.</p></body></html>";
    }

    private static String forgedPage(String url) {
        return "<html><body><p>Cheap watches, casino bonus, click here now, limited offer, free spins, "
                + "win big tonight, unbeatable prices on everything.</p></body></html>";
    }

    private String describe() {
        try {
            return network.committedCredits().stream().map(e -> e.kind() + " " + e.nodeId().substring(0, 6) + " " + e.leaseId()
                    + " " + e.url()).toList().toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private long committed(CreditEvent.Kind kind) {
        return fixture.committed(e -> e.kind() == kind);
    }

    private static NodeCredits account(DurableCoordinator c, Ed25519KeyPair node) {
        return c.coordinator().credits().stream().filter(n -> n.nodeId().equals(node.publicKey().fingerprint())).findFirst()
                .orElseThrow();
    }

    @Test
    void theCheatingCheckerIsPenalisedOnceAcrossACrashMidArbitration() throws Exception {
        AtomicReference<DurableCoordinator> self = new AtomicReference<>();
        DurableCoordinator first = fixture.open(batch -> {
            boolean verdictApplied = self.get().coordinator().credits().stream()
                    .anyMatch(c -> c.refusals().containsKey(ReasonCode.SPOT_CHECK_FAILED));
            if (verdictApplied) {
                throw new CommitHook.SimulatedCrash("killed before committing the arbiter's verdict");
            }
        });
        self.set(first);
        first.coordinator().submit(new CrawlJob("job-spot", SEEDS, Set.of("a.example"), 100, 0, "train-ai"));

        CrawlLease original = fixture.lease(first, honestA);
        network.deliver(honestA, original, clock, SpotCheckArbitrationIT::truePage);
        await(() -> committed(CreditEvent.Kind.CREDITED_FOR_SPOT_CHECK) == 2, "A's pages are credited and chosen for checks");

        assertThat(KafkaTestNetwork.ask(first.coordinator(), honestA, clock)).isNotInstanceOf(LeaseDecision.Granted.class);
        CrawlLease check = fixture.lease(first, cheatB);
        assertThat(check.urls()).isEqualTo(original.urls());
        network.deliver(cheatB, check, clock, SpotCheckArbitrationIT::forgedPage);
        await(() -> committed(CreditEvent.Kind.SPOT_CHECK_DISPUTED) == 2, "B's disagreement is recorded");
        assertThat(committed(CreditEvent.Kind.SPOT_CHECK_FAILED)).as("a disagreement alone penalises nobody").isZero();

        assertThat(KafkaTestNetwork.ask(first.coordinator(), cheatB, clock)).isNotInstanceOf(LeaseDecision.Granted.class);
        CrawlLease arbitration = fixture.lease(first, honestC);
        network.deliver(honestC, arbitration, clock, SpotCheckArbitrationIT::truePage);
        await(() -> first.ingest().failure().isPresent(), "the ingest crashed mid-arbitration");
        assertThat(committed(CreditEvent.Kind.SPOT_CHECK_FAILED)).as("durably, the verdict never happened").isZero();

        DurableCoordinator second = fixture.open(CommitHook.NONE);
        await(() -> committed(CreditEvent.Kind.SPOT_CHECK_FAILED) == 2, () -> "the arbiter's pages are judged again; pending "
                + second.coordinator().pendingSpotChecks() + ", ingest failure " + second.ingest().failure() + ", committed "
                + describe());
        assertThat(network.committedCredits()).filteredOn(e -> e.kind() == CreditEvent.Kind.SPOT_CHECK_FAILED).allSatisfy(e -> {
            assertThat(e.nodeId()).isEqualTo(cheatB.publicKey().fingerprint());
            assertThat(e.witnesses()).containsExactlyInAnyOrder(honestA.publicKey().fingerprint(), honestC.publicKey().fingerprint());
        });
        await(() -> account(second, cheatB).pages() == 0, "B's check credits are taken back");
        assertThat(account(second, cheatB).refusals()).containsEntry(ReasonCode.SPOT_CHECK_FAILED, 2L);
        assertThat(account(second, honestA).pages()).isEqualTo(2);
        assertThat(account(second, honestA).refusals()).isEmpty();
        assertThat(account(second, honestC).pages()).isEqualTo(2);

        for (Ed25519KeyPair node : List.of(honestA, cheatB, honestC)) {
            assertThat(KafkaTestNetwork.ask(second.coordinator(), node, clock)).isNotInstanceOf(LeaseDecision.Granted.class);
        }
        await(() -> second.coordinator().finished(), "the job finishes once every check is judged");
        assertThat(second.coordinator().pendingSpotChecks()).isZero();
    }
}
