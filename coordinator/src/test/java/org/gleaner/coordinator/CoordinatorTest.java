package org.gleaner.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.gleaner.coordinator.Fixtures.MutableClock;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeaseRequest;
import org.gleaner.protocol.lease.LeasedUrl;
import org.gleaner.protocol.page.LinkBatch;
import org.junit.jupiter.api.Test;

class CoordinatorTest {
    private static final long START = 1_700_000_000_000L;
    private static final Duration TTL = Duration.ofSeconds(60);
    private static final Duration FRESHNESS = Duration.ofMinutes(5);
    private static final byte[] BODY = "<html>ok</html>".getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = new MutableClock(START);
    private final Ed25519KeyPair coordinatorKey = Ed25519KeyPair.generate();
    private final Ed25519KeyPair nodeA = Ed25519KeyPair.generate();
    private final Ed25519KeyPair nodeB = Ed25519KeyPair.generate();
    private final Ed25519KeyPair nodeC = Ed25519KeyPair.generate();
    private final Coordinator coordinator = new Coordinator(
            new CoordinatorConfig(Fixtures.ORIGIN, 2, TTL, Duration.ofMillis(50), FRESHNESS, 0), coordinatorKey, clock);

    private static CrawlJob job(int maxDepth, String... seeds) {
        return new CrawlJob("job-1", List.of(seeds), Set.of("a.example", "b.example"), 100, maxDepth, "train-ai");
    }

    private LeaseDecision ask(Ed25519KeyPair node) {
        return coordinator.requestLease(Fixtures.leaseRequest(node, 16, clock.millis()));
    }

    private CrawlLease granted(LeaseDecision decision) {
        assertThat(decision).isInstanceOf(LeaseDecision.Granted.class);
        return ((LeaseDecision.Granted) decision).lease().record();
    }

    private static List<String> urls(CrawlLease lease) {
        return lease.urls().stream().map(LeasedUrl::url).toList();
    }

    private CreditEvent deliver(Ed25519KeyPair node, CrawlLease lease, String url) {
        return coordinator.acceptPage(Fixtures.page(node, lease.leaseId(), url, clock.millis(), BODY));
    }

    @Test
    void grantsALeaseSignedByTheCoordinatorForTheAskingNode() {
        coordinator.submit(job(3, "http://a.example/1", "http://a.example/2", "http://a.example/3"));
        LeaseDecision decision = ask(nodeA);

        Signed<CrawlLease> signed = ((LeaseDecision.Granted) decision).lease();
        assertThat(signed.verifies(Fixtures.ORIGIN, coordinator.publicKey())).isTrue();
        assertThat(signed.verifies(Fixtures.ORIGIN, nodeA.publicKey())).isFalse();
        assertThat(signed.verifies("another-network", coordinator.publicKey())).isFalse();
        assertThat(coordinator.publicKey()).isEqualTo(coordinatorKey.publicKey());

        CrawlLease lease = signed.record();
        assertThat(lease.nodeKey()).isEqualTo(Fixtures.keyOf(nodeA));
        assertThat(lease.jobId()).isEqualTo("job-1");
        assertThat(lease.host()).isEqualTo("a.example");
        assertThat(urls(lease)).containsExactly("http://a.example/1", "http://a.example/2");
        assertThat(lease.issuedAtMillis()).isEqualTo(START);
        assertThat(lease.expiresAtMillis()).isEqualTo(START + TTL.toMillis());
        assertThat(lease.crawlDelayMillis()).isEqualTo(50);
    }

    @Test
    void leaseSizeIsTheSmallerOfTheRequestAndTheConfig() {
        coordinator.submit(job(3, "http://a.example/1", "http://a.example/2", "http://a.example/3"));
        CrawlLease lease = granted(coordinator.requestLease(Fixtures.leaseRequest(nodeA, 1, clock.millis())));
        assertThat(urls(lease)).containsExactly("http://a.example/1");
    }

    @Test
    void refusesARequestWithABadSignature() {
        coordinator.submit(job(3, "http://a.example/1"));
        LeaseRequest request = new LeaseRequest(Fixtures.keyOf(nodeA), 16, clock.millis(), Fixtures.nonce());
        assertThat(coordinator.requestLease(Signed.sign(request, Fixtures.ORIGIN, nodeB)))
                .isInstanceOf(LeaseDecision.Refused.class);
        assertThat(coordinator.requestLease(Signed.sign(request, "another-network", nodeA)))
                .isInstanceOf(LeaseDecision.Refused.class);
        assertThat(coordinator.requestLease(new Signed<>(request, Bytes.of(new byte[64]))))
                .isInstanceOf(LeaseDecision.Refused.class);
        assertThat(coordinator.stats().leasesIssued()).isZero();
    }

    @Test
    void refusesARequestFromAnInvalidKey() {
        coordinator.submit(job(3, "http://a.example/1"));
        LeaseRequest request = new LeaseRequest(Bytes.of(new byte[32]), 16, clock.millis(), Fixtures.nonce());
        assertThat(coordinator.requestLease(new Signed<>(request, Bytes.of(new byte[64]))))
                .isInstanceOf(LeaseDecision.Refused.class);
    }

    @Test
    void refusesAReplayedNonce() {
        coordinator.submit(job(3, "http://a.example/1", "http://b.example/1"));
        Signed<LeaseRequest> request = Fixtures.leaseRequest(nodeA, 16, clock.millis());
        granted(coordinator.requestLease(request));
        clock.advance(10);
        assertThat(coordinator.requestLease(request)).isInstanceOf(LeaseDecision.Refused.class);
        // The replay did not complete the node's lease or hand out more work.
        assertThat(coordinator.stats().leasesIssued()).isEqualTo(1);
        assertThat(coordinator.stats().leasesCompleted()).isZero();
    }

    @Test
    void refusesAStaleOrFarFutureTimestamp() {
        coordinator.submit(job(3, "http://a.example/1"));
        long window = FRESHNESS.toMillis();
        assertThat(coordinator.requestLease(Fixtures.leaseRequest(nodeA, 16, START - window - 1)))
                .isInstanceOf(LeaseDecision.Refused.class);
        assertThat(coordinator.requestLease(Fixtures.leaseRequest(nodeA, 16, START + window + 1)))
                .isInstanceOf(LeaseDecision.Refused.class);
        granted(coordinator.requestLease(Fixtures.leaseRequest(nodeA, 16, START - window)));
    }

    @Test
    void neverLeasesAHostToTwoNodesAtOnce() {
        coordinator.submit(job(3, "http://a.example/1", "http://a.example/2", "http://a.example/3",
                "http://b.example/1"));
        CrawlLease leaseA = granted(ask(nodeA));
        CrawlLease leaseB = granted(ask(nodeB));
        assertThat(leaseA.host()).isEqualTo("a.example");
        assertThat(leaseB.host()).isEqualTo("b.example");

        // a.example still has a queued URL, but it is leased to node A: node C must wait.
        assertThat(ask(nodeC)).isEqualTo(new LeaseDecision.NoWorkYet(200));

        // Node A asking again completes its lease, which frees the host.
        clock.advance(1000);
        CrawlLease nextA = granted(ask(nodeA));
        assertThat(nextA.host()).isEqualTo("a.example");
        assertThat(urls(nextA)).containsExactly("http://a.example/3");
        assertThat(coordinator.stats().leasesCompleted()).isEqualTo(1);
    }

    @Test
    void urlsOfAnExpiredLeaseThatWereNotDeliveredAreLeasedAgainOnceTheIngestCaughtUp() {
        coordinator.submit(job(3, "http://a.example/1", "http://a.example/2"));
        CrawlLease first = granted(ask(nodeA));
        assertThat(deliver(nodeA, first, "http://a.example/1").credited()).isTrue();

        clock.advance(TTL.toMillis() - 1);
        assertThat(ask(nodeB)).isInstanceOf(LeaseDecision.NoWorkYet.class);

        clock.advance(1);
        assertThat(ask(nodeB)).as("expired, but its pages may still be in flight").isInstanceOf(LeaseDecision.NoWorkYet.class);
        assertThat(coordinator.stats().leasesExpired()).isEqualTo(1);

        clock.advance(1);
        coordinator.caughtUp(clock.millis());
        clock.advance(1);
        CrawlLease second = granted(ask(nodeB));
        assertThat(second.host()).isEqualTo("a.example");
        assertThat(urls(second)).containsExactly("http://a.example/2");

        // After the release, late pages of the old lease earn nothing, so no URL is credited under two leases.
        assertThat(deliver(nodeA, first, "http://a.example/2").reason()).contains(ReasonCode.LEASE_RELEASED);
        assertThat(deliver(nodeB, second, "http://a.example/2").credited()).isTrue();
        assertThat(coordinator.creditedPages()).isEqualTo(2);
    }

    @Test
    void aPageInFlightWhenItsLeaseSettledIsStillCreditedBeforeTheRelease() {
        coordinator.submit(job(3, "http://a.example/1"));
        CrawlLease lease = granted(ask(nodeA));
        clock.advance(TTL.toMillis());
        coordinator.tick();
        assertThat(coordinator.stats().leasesExpired()).isEqualTo(1);
        assertThat(deliver(nodeA, lease, "http://a.example/1").credited()).isTrue();
        clock.advance(1);
        coordinator.caughtUp(clock.millis());
        assertThat(coordinator.finished()).as("nothing goes back: the URL was credited").isTrue();
    }

    @Test
    void creditsVerifiedPagesAndCountsRefusalsByReason() {
        coordinator.submit(job(3, "http://a.example/1", "http://a.example/2"));
        CrawlLease lease = granted(ask(nodeA));
        assertThat(deliver(nodeA, lease, "http://a.example/1").credited()).isTrue();
        assertThat(deliver(nodeB, lease, "http://a.example/2").reason()).contains(ReasonCode.LEASE_OF_OTHER_NODE);
        coordinator.refuseMalformed();

        assertThat(coordinator.creditedPages()).isEqualTo(1);
        assertThat(coordinator.credits()).extracting(NodeCredits::nodeId)
                .contains(nodeA.publicKey().fingerprint(), nodeB.publicKey().fingerprint(), CreditEvent.UNVERIFIED);
        NodeCredits a = coordinator.credits().stream()
                .filter(c -> c.nodeId().equals(nodeA.publicKey().fingerprint())).findFirst().orElseThrow();
        assertThat(a.pages()).isEqualTo(1);
        assertThat(a.bytes()).isEqualTo(BODY.length);
        NodeCredits b = coordinator.credits().stream()
                .filter(c -> c.nodeId().equals(nodeB.publicKey().fingerprint())).findFirst().orElseThrow();
        assertThat(b.refusals()).containsEntry(ReasonCode.LEASE_OF_OTHER_NODE, 1L);
    }

    @Test
    void acceptsLinksOnlyForALeaseTheNodeHoldsAndAUrlItWasLeased() {
        coordinator.submit(job(3, "http://a.example/1"));
        CrawlLease lease = granted(ask(nodeA));
        List<String> found = List.of("http://a.example/new", "http://b.example/x", "http://evil.example/");

        assertThat(coordinator.acceptLinks(links(nodeB, lease.leaseId(), "http://a.example/1", found))).isEmpty();
        assertThat(coordinator.acceptLinks(links(nodeA, "no-such-lease", "http://a.example/1", found))).isEmpty();
        assertThat(coordinator.acceptLinks(links(nodeA, lease.leaseId(), "http://a.example/other", found))).isEmpty();
        assertThat(coordinator.stats().discoveredUrls()).isEqualTo(1);

        assertThat(coordinator.acceptLinks(links(nodeA, lease.leaseId(), "http://a.example/1", found))).hasSize(2);
        assertThat(coordinator.acceptLinks(links(nodeA, lease.leaseId(), "http://a.example/1", found))).isEmpty();
        assertThat(coordinator.stats().discoveredUrls()).isEqualTo(3);

        CrawlLease next = granted(ask(nodeB));
        assertThat(next.host()).isEqualTo("b.example");
        assertThat(next.urls()).containsExactly(new LeasedUrl("http://b.example/x", 1));
    }

    @Test
    void outlinkDepthComesFromTheLeaseNotFromTheNodesClaim() {
        coordinator.submit(job(1, "http://a.example/"));
        CrawlLease seedLease = granted(ask(nodeA));
        // The node claims depth 0 for links of a depth-0 page: the coordinator records depth 1 anyway.
        assertThat(coordinator.acceptLinks(new LinkBatch(Fixtures.keyOf(nodeA), seedLease.leaseId(), "job-1",
                "http://a.example/", 0, List.of("http://a.example/d1")))).hasSize(1);

        clock.advance(1000);
        CrawlLease depthOne = granted(ask(nodeA));
        assertThat(depthOne.urls()).containsExactly(new LeasedUrl("http://a.example/d1", 1));
        // Links of a depth-1 page would be depth 2, past the job's limit, whatever depth the node claims.
        assertThat(coordinator.acceptLinks(new LinkBatch(Fixtures.keyOf(nodeA), depthOne.leaseId(), "job-1",
                "http://a.example/d1", 0, List.of("http://a.example/d2")))).isEmpty();
    }

    @Test
    void finishesOnlyWhenTheFrontierIsEmptyNothingIsLeasedAndIngestCaughtUpAfterTheLastSettlement() {
        assertThat(coordinator.finished()).isFalse();
        coordinator.submit(job(3, "http://a.example/1"));
        assertThat(coordinator.finished()).isFalse();

        CrawlLease lease = granted(ask(nodeA));
        deliver(nodeA, lease, "http://a.example/1");
        clock.advance(100);
        coordinator.caughtUp(clock.millis());
        assertThat(coordinator.finished()).as("frontier empty but a lease is live").isFalse();

        clock.advance(100);
        long settledAt = clock.millis();
        assertThat(ask(nodeA)).as("completing the lease settles it").isInstanceOf(LeaseDecision.NoWorkYet.class);
        assertThat(coordinator.finished()).as("ingest has not caught up since the settlement").isFalse();

        coordinator.caughtUp(settledAt);
        assertThat(coordinator.finished()).as("a check that began at the settlement may have missed it").isFalse();
        coordinator.caughtUp(settledAt - 50);
        assertThat(coordinator.finished()).isFalse();

        coordinator.caughtUp(settledAt + 1);
        assertThat(coordinator.finished()).isTrue();

        clock.advance(100);
        assertThat(ask(nodeB)).isInstanceOf(LeaseDecision.AllJobsDone.class);
        assertThat(ask(nodeA)).isInstanceOf(LeaseDecision.AllJobsDone.class);
    }

    @Test
    void linksConsumedBeforeCatchingUpKeepTheJobRunning() {
        coordinator.submit(job(3, "http://a.example/1"));
        CrawlLease lease = granted(ask(nodeA));
        coordinator.acceptLinks(links(nodeA, lease.leaseId(), "http://a.example/1", List.of("http://a.example/2")));
        clock.advance(100);
        ask(nodeB);
        coordinator.caughtUp(clock.millis() + 1);
        assertThat(coordinator.finished()).as("a.example/2 is queued").isFalse();
    }

    @Test
    void anExpiredLeaseIsASettlementToo() {
        coordinator.submit(job(3, "http://a.example/1"));
        CrawlLease lease = granted(ask(nodeA));
        deliver(nodeA, lease, "http://a.example/1");
        clock.advance(TTL.toMillis());
        long expiredAt = clock.millis();
        assertThat(ask(nodeB)).isInstanceOf(LeaseDecision.NoWorkYet.class);
        assertThat(coordinator.stats().leasesExpired()).isEqualTo(1);
        coordinator.caughtUp(expiredAt);
        assertThat(coordinator.finished()).isFalse();
        coordinator.caughtUp(expiredAt + 1);
        assertThat(coordinator.finished()).isTrue();
    }

    @Test
    void undeliveredUrlsOfACompletedLeaseAreRetriedUpToTheAttemptLimit() {
        coordinator.submit(job(3, "http://a.example/1", "http://a.example/2"));
        for (int attempt = 1; attempt <= Coordinator.MAX_ATTEMPTS; attempt++) {
            CrawlLease lease = granted(ask(nodeA));
            assertThat(urls(lease)).as("attempt " + attempt).containsExactly("http://a.example/1", "http://a.example/2");
            clock.advance(10);
            assertThat(ask(nodeA)).as("completes the lease").isInstanceOf(LeaseDecision.NoWorkYet.class);
            clock.advance(10);
            coordinator.caughtUp(clock.millis());
            clock.advance(10);
        }
        assertThat(coordinator.finished()).as("given up after " + Coordinator.MAX_ATTEMPTS + " attempts").isTrue();
    }

    @Test
    void leasesExpireAndTheJobFinishesEvenWhenNoNodeAsksAgain() {
        coordinator.submit(job(3, "http://a.example/1"));
        CrawlLease lease = granted(ask(nodeA));
        deliver(nodeA, lease, "http://a.example/1");
        clock.advance(TTL.toMillis());
        coordinator.tick();
        assertThat(coordinator.stats().leasesExpired()).isEqualTo(1);
        clock.advance(1);
        coordinator.caughtUp(clock.millis());
        assertThat(coordinator.finished()).isTrue();
    }

    @Test
    void nodesWaitRatherThanStopWhenNoJobWasSubmittedYet() {
        assertThat(ask(nodeA)).isInstanceOf(LeaseDecision.NoWorkYet.class);
    }

    @Test
    void refusalsOfUnverifiableReceiptsAreNotFiledUnderTheClaimedNode() {
        coordinator.submit(job(3, "http://a.example/1"));
        CrawlLease lease = granted(ask(nodeA));
        // nodeB signs a receipt that claims to be nodeA's.
        CreditEvent forged = coordinator.acceptPage(Fixtures.page(Fixtures.receipt(Fixtures.keyOf(nodeA), lease.leaseId(),
                "http://a.example/1", clock.millis(), BODY), nodeB, Fixtures.ORIGIN, BODY));
        assertThat(forged.reason()).contains(ReasonCode.BAD_SIGNATURE);
        assertThat(forged.nodeId()).isEqualTo(CreditEvent.UNVERIFIED);
        assertThat(coordinator.credits()).extracting(NodeCredits::nodeId).containsExactly(CreditEvent.UNVERIFIED);
    }

    @Test
    void refusesAJobIdUsedBefore() {
        coordinator.submit(job(3, "http://a.example/1"));
        assertThatThrownBy(() -> coordinator.submit(job(3, "http://b.example/1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("used before");
    }

    private static LinkBatch links(Ed25519KeyPair node, String leaseId, String sourceUrl, List<String> urls) {
        return new LinkBatch(Fixtures.keyOf(node), leaseId, "job-1", sourceUrl, 1, urls);
    }
}
