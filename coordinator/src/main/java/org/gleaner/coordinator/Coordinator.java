package org.gleaner.coordinator;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.gleaner.coordinator.credit.ContributionVerdict;
import org.gleaner.coordinator.credit.ContributionVerifier;
import org.gleaner.coordinator.credit.CreditBook;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.frontier.Frontier;
import org.gleaner.coordinator.lease.LeaseBook;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.coordinator.lease.ReplayGuard;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.crypto.InvalidKeyException;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeaseRequest;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.protocol.page.LinkBatch;

/**
 * The coordinator's domain core: one job's frontier, the lease book, contribution checks and credits.
 * Transport (HTTP for leases, Kafka for pages and links) is wired around it; all state changes go through
 * its synchronized methods.
 */
public final class Coordinator {
    private final CoordinatorConfig config;
    private final Ed25519KeyPair key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final LeaseBook leases = new LeaseBook();
    private final CreditBook credits = new CreditBook();
    private final ContributionVerifier verifier;
    private final ReplayGuard replayGuard;
    private Frontier frontier;
    private long lastSettlementMillis;
    private long caughtUpAtMillis = -1;

    public Coordinator(CoordinatorConfig config, Ed25519KeyPair key, Clock clock) {
        this.config = config;
        this.key = key;
        this.clock = clock;
        this.verifier = new ContributionVerifier(config.origin(), leases, credits);
        this.replayGuard = new ReplayGuard(config.requestFreshness().toMillis());
    }

    public Ed25519PublicKey publicKey() {
        return key.publicKey();
    }

    public synchronized void submit(CrawlJob job) {
        if (frontier != null && !finished()) {
            throw new IllegalStateException("the skeleton coordinator runs one job at a time");
        }
        frontier = new Frontier(job);
        caughtUpAtMillis = -1;
        lastSettlementMillis = clock.millis();
    }

    public synchronized LeaseDecision requestLease(Signed<LeaseRequest> signed) {
        LeaseRequest request = signed.record();
        Ed25519PublicKey nodeKey;
        try {
            nodeKey = Ed25519PublicKey.fromBytes(request.nodeKey().toArray());
        } catch (InvalidKeyException e) {
            return new LeaseDecision.Refused("invalid node key");
        }
        if (!signed.verifies(config.origin(), nodeKey)) {
            return new LeaseDecision.Refused("bad signature");
        }
        long now = clock.millis();
        ReplayGuard.Verdict freshness = replayGuard.check(request.nodeKey(), request.nonce(), request.requestedAtMillis(), now);
        if (freshness != ReplayGuard.Verdict.FRESH) {
            return new LeaseDecision.Refused("request " + freshness.name().toLowerCase());
        }
        if (leases.completeLiveLeaseOf(request.nodeKey())) {
            lastSettlementMillis = now;
        }
        expireLeases(now);
        if (frontier == null || finished()) {
            return new LeaseDecision.AllJobsDone();
        }
        Optional<Frontier.HostBatch> batch = frontier.take(Math.min(request.maxUrls(), config.maxUrlsPerLease()), leases.busyHosts());
        if (batch.isEmpty()) {
            return new LeaseDecision.NoWorkYet(200);
        }
        CrawlLease lease = new CrawlLease(UUID.randomUUID().toString(), frontier.job().jobId(), request.nodeKey(),
                batch.get().host(), batch.get().urls(), now, now + config.leaseTtl().toMillis(),
                config.crawlDelay().toMillis(), nonce());
        Signed<CrawlLease> signedLease = Signed.sign(lease, config.origin(), key);
        leases.add(signedLease);
        return new LeaseDecision.Granted(signedLease);
    }

    private void expireLeases(long now) {
        List<LeaseBook.Expired> expired = leases.expire(now);
        for (LeaseBook.Expired e : expired) {
            frontier.giveBack(e.host(), e.urls());
            lastSettlementMillis = now;
        }
    }

    public synchronized ContributionVerdict acceptPage(FetchedPage page) {
        ContributionVerdict verdict = verifier.verify(page);
        String nodeId = page.receipt().record().nodeKey().hex();
        if (verdict.credited()) {
            credits.credit(nodeId, page.receipt().record().leaseId(), page.receipt().record().url(), page.body().length());
            leases.delivered(page.receipt().record().leaseId(), page.receipt().record().url());
        } else {
            credits.refuse(nodeId, verdict.reason().orElseThrow());
        }
        return verdict;
    }

    public synchronized void refuseMalformed() {
        credits.refuse("unknown", ReasonCode.MALFORMED_RECORD);
    }

    /** Queues a node's outlinks, but only for a lease that node holds and a page it was leased. */
    public synchronized int acceptLinks(LinkBatch links) {
        Optional<CrawlLease> lease = leases.find(links.leaseId());
        if (frontier == null || lease.isEmpty() || !lease.get().nodeKey().equals(links.nodeKey())
                || !leases.covers(links.leaseId(), links.sourceUrl())) {
            return 0;
        }
        // The depth comes from the lease, never from the node's claim, so a node cannot reset the job's depth limit.
        int depth = lease.get().urls().stream().filter(u -> u.url().equals(links.sourceUrl()))
                .mapToInt(u -> u.depth() + 1).findFirst().orElseThrow();
        int added = 0;
        for (String url : links.urls()) {
            if (frontier.offer(url, depth)) {
                added++;
            }
        }
        return added;
    }

    /** Called by the ingest loop with the time at which it started a check that found it had consumed everything. */
    public synchronized void caughtUp(long checkStartedMillis) {
        caughtUpAtMillis = Math.max(caughtUpAtMillis, checkStartedMillis);
    }

    /** The job is done when nothing is queued or leased and every page and link sent before that was consumed. */
    public synchronized boolean finished() {
        return frontier != null && frontier.isEmpty() && !leases.hasLive() && caughtUpAtMillis > lastSettlementMillis;
    }

    public synchronized List<NodeCredits> credits() {
        return credits.snapshot();
    }

    public synchronized long creditedPages() {
        return credits.totalPages();
    }

    public synchronized Stats stats() {
        return new Stats(frontier == null ? 0 : frontier.discovered(), leases.issuedCount(), leases.completedCount(),
                leases.expiredCount(), credits.totalPages());
    }

    private Bytes nonce() {
        byte[] n = new byte[16];
        random.nextBytes(n);
        return Bytes.of(n);
    }

    public record Stats(int discoveredUrls, int leasesIssued, int leasesCompleted, int leasesExpired, long creditedPages) {
    }
}
