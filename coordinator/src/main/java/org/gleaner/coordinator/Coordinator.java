package org.gleaner.coordinator;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.gleaner.coordinator.credit.ContributionVerdict;
import org.gleaner.coordinator.credit.ContributionVerifier;
import org.gleaner.coordinator.credit.CreditBook;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.coordinator.fraud.AddressKeyWatch;
import org.gleaner.coordinator.fraud.FraudSignals;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.frontier.Frontier;
import org.gleaner.coordinator.spotcheck.SpotChecks;
import org.gleaner.coordinator.spotcheck.TextFingerprint;
import org.gleaner.coordinator.journal.InMemoryJournal;
import org.gleaner.coordinator.journal.Journal;
import org.gleaner.coordinator.journal.JournalEvent;
import org.gleaner.coordinator.lease.HandBackDecision;
import org.gleaner.coordinator.lease.LeaseBook;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.coordinator.lease.LeaseState;
import org.gleaner.coordinator.lease.ReplayGuard;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.crypto.InvalidKeyException;
import org.gleaner.protocol.crypto.ValidatedKeys;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeaseHandBack;
import org.gleaner.protocol.lease.LeaseRequest;
import org.gleaner.protocol.lease.LeasedUrl;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.protocol.page.LinkBatch;

/**
 * The coordinator's domain core: one job's frontier, the lease book, contribution checks and credits.
 * Transport (HTTP for leases, Kafka for pages and links) is wired around it; all state changes go through
 * its synchronized methods. Job and lease changes are written to the {@link Journal} before they take effect;
 * credit decisions are returned as {@link CreditEvent}s that the ingest commits with its consumer offsets.
 * {@link #restore} rebuilds the state from both after a restart.
 */
public final class Coordinator {
    /** How often a URL is leased before the coordinator gives up on it (failed fetches, dead nodes). */
    public static final int MAX_ATTEMPTS = 3;
    /** Distinct node keys that may ask for work from one address within an hour. */
    public static final int MAX_KEYS_PER_ADDRESS = 8;
    private static final long PRUNE_GRACE_MILLIS = 10 * 60_000;

    private final CoordinatorConfig config;
    private final Ed25519KeyPair key;
    private final Clock clock;
    private final Journal journal;
    private final SecureRandom random = new SecureRandom();
    private final LeaseBook leases = new LeaseBook();
    private final CreditBook credits = new CreditBook();
    private final Map<String, Integer> failedAttempts = new HashMap<>();
    private final ContributionVerifier verifier;
    private final ReplayGuard replayGuard;
    private Frontier frontier;
    private long lastSettlementMillis;
    private long caughtUpAtMillis = -1;
    private boolean recovering;
    private JournalEvent.EpochClosed lastClosedEpoch;
    private final FraudSignals signals;
    private final SpotChecks spotChecks = new SpotChecks();
    private final List<CreditEvent> spotCheckOutcomes = new java.util.ArrayList<>();
    private final AddressKeyWatch addressWatch = new AddressKeyWatch(MAX_KEYS_PER_ADDRESS, 3_600_000);

    /** A coordinator whose state lives only in memory. */
    public Coordinator(CoordinatorConfig config, Ed25519KeyPair key, Clock clock) {
        this(config, key, clock, new InMemoryJournal());
    }

    public Coordinator(CoordinatorConfig config, Ed25519KeyPair key, Clock clock, Journal journal) {
        this(config, key, clock, journal, new SimpleMeterRegistry());
    }

    public Coordinator(CoordinatorConfig config, Ed25519KeyPair key, Clock clock, Journal journal, MeterRegistry metrics) {
        this.signals = new FraudSignals(metrics);
        this.config = config;
        this.key = key;
        this.clock = clock;
        this.journal = journal;
        this.verifier = new ContributionVerifier(config.origin(), leases, credits);
        this.replayGuard = new ReplayGuard(config.requestFreshness().toMillis());
    }

    public Ed25519PublicKey publicKey() {
        return key.publicKey();
    }

    public CoordinatorConfig config() {
        return config;
    }

    public synchronized void submit(CrawlJob job) {
        if (frontier != null && !finished()) {
            throw new IllegalStateException("the coordinator runs one job at a time");
        }
        journal.append(new JournalEvent.JobSubmitted(job));
        frontier = new Frontier(job);
        failedAttempts.clear();
        caughtUpAtMillis = -1;
        lastSettlementMillis = clock.millis();
    }

    /**
     * Rebuilds the state of a fresh coordinator from its journal and its credit events, in log order. Until
     * the ingest next catches up, no lease is granted: pages of settled leases may still be in the topic.
     */
    public synchronized void restore(List<JournalEvent> events, List<CreditEvent> creditEvents) {
        if (frontier != null || leases.knownCount() > 0) {
            throw new IllegalStateException("restore needs a fresh coordinator");
        }
        for (CreditEvent event : creditEvents) {
            credits.apply(event);
            if (event.kind() == CreditEvent.Kind.CREDITED_FOR_SPOT_CHECK) {
                spotChecks.schedule(event, spotCheckDepth(events));
            } else if (event.kind() == CreditEvent.Kind.SPOT_CHECK_AGREED || event.kind() == CreditEvent.Kind.SPOT_CHECK_FAILED) {
                spotChecks.resolved(event.url());
            }
        }
        for (JournalEvent event : events) {
            if (event instanceof JournalEvent.JobSubmitted e) {
                frontier = new Frontier(e.job());
            } else if (event instanceof JournalEvent.UrlsQueued e) {
                if (frontier != null && frontier.job().jobId().equals(e.jobId())) {
                    e.urls().forEach(frontier::restore);
                }
            } else if (event instanceof JournalEvent.LeaseGranted e) {
                leases.add(e.lease());
                e.lease().record().urls().forEach(u -> {
                    if (credits.alreadyCredited(e.lease().record().leaseId(), u.url())) {
                        leases.delivered(e.lease().record().leaseId(), u.url());
                    }
                });
            } else if (event instanceof JournalEvent.LeaseSettled e) {
                leases.settle(e.leaseId(), e.state(), e.atMillis());
            } else if (event instanceof JournalEvent.UrlsHandedBack e) {
                leases.handBack(e.leaseId(), e.positions());
            } else if (event instanceof JournalEvent.LeaseReleased e) {
                leases.release(e.leaseId()).ifPresent(r -> r.urls().forEach(this::countFailure));
            } else if (event instanceof JournalEvent.EpochClosed e) {
                lastClosedEpoch = e;
            }
        }
        if (frontier != null) {
            Set<String> notQueued = new HashSet<>(leases.heldUrls());
            failedAttempts.forEach((url, n) -> {
                if (n >= MAX_ATTEMPTS) {
                    notQueued.add(url);
                }
            });
            frontier.withdraw(notQueued);
            frontier.withdrawIf(credits::urlCredited);
        }
        leases.heldUrlLeases().forEach((url, lease) -> spotChecks.leased(url, lease.leaseId(), lease.nodeKey().hex()));
        leases.prune(clock.millis(), PRUNE_GRACE_MILLIS);
        recovering = true;
        lastSettlementMillis = clock.millis();
    }

    public LeaseDecision requestLease(Signed<LeaseRequest> signed) {
        return requestLease(signed, null);
    }

    /** Answers a lease request that came from {@code remoteAddress} (null when unknown, as in-process). */
    /** Spot-check URLs are leased at the job's depth limit, so the checker's outlinks add nothing. */
    private static int spotCheckDepth(List<JournalEvent> events) {
        int depth = 0;
        for (JournalEvent e : events) {
            if (e instanceof JournalEvent.JobSubmitted job) {
                depth = job.job().maxDepth();
            }
        }
        return depth;
    }

    public LeaseDecision requestLease(Signed<LeaseRequest> signed, String remoteAddress) {
        // The signature check needs no state, so it runs outside the lock: it is the costly part of a request.
        LeaseRequest request = signed.record();
        Ed25519PublicKey nodeKey;
        try {
            nodeKey = ValidatedKeys.SHARED.get(request.nodeKey());
        } catch (InvalidKeyException e) {
            return new LeaseDecision.Refused("invalid node key");
        }
        if (!signed.verifies(config.origin(), nodeKey)) {
            return new LeaseDecision.Refused("bad signature");
        }
        Answer answer = decide(request, remoteAddress);
        try {
            // Answered only once durable; other requests proceed meanwhile and share the journal's transaction.
            answer.durable().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return answer.decision();
    }

    private record Answer(LeaseDecision decision, java.util.concurrent.CompletableFuture<Void> durable) {
        static Answer now(LeaseDecision decision) {
            return new Answer(decision, java.util.concurrent.CompletableFuture.completedFuture(null));
        }
    }

    private synchronized Answer decide(LeaseRequest request, String remoteAddress) {
        long now = clock.millis();
        ReplayGuard.Verdict freshness = replayGuard.check(request.nodeKey(), request.nonce(), request.requestedAtMillis(), now);
        if (freshness != ReplayGuard.Verdict.FRESH) {
            return Answer.now(new LeaseDecision.Refused("request " + freshness.name().toLowerCase()));
        }
        if (remoteAddress != null && !addressWatch.admit(remoteAddress, request.nodeKey(), now)) {
            signals.signal(request.nodeKey().hex(), ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS);
            return Answer.now(new LeaseDecision.Refused(ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS.code() + " "
                    + ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS.description()));
        }
        List<JournalEvent> batch = new java.util.ArrayList<>();
        Optional<String> previous = leases.liveLeaseOf(request.nodeKey());
        if (previous.isPresent()) {
            // The node asks for new work only after every record of its last lease was acknowledged by Kafka.
            settle(previous.get(), LeaseState.COMPLETED, now, batch);
        }
        expireLeases(now, batch);
        if (frontier == null || recovering) {
            return new Answer(new LeaseDecision.NoWorkYet(500), journal.appendLater(batch));
        }
        if (finished()) {
            return new Answer(new LeaseDecision.AllJobsDone(), journal.appendLater(batch));
        }
        int max = Math.min(request.maxUrls(), config.maxUrlsPerLease());
        Optional<SpotChecks.Batch> checks = spotChecks.takeFor(request.nodeKey().hex(), leases.busyHosts(), max);
        if (checks.isPresent()) {
            Signed<CrawlLease> lease = grant(request, checks.get().host(), checks.get().urls(), now, batch);
            checks.get().urls().forEach(u -> spotChecks.leased(u.url(), lease.record().leaseId(), request.nodeKey().hex()));
            return new Answer(new LeaseDecision.Granted(lease), journal.appendLater(batch));
        }
        Optional<Frontier.HostBatch> work = frontier.take(max, leases.busyHosts());
        if (work.isEmpty()) {
            return new Answer(new LeaseDecision.NoWorkYet(200), journal.appendLater(batch));
        }
        Signed<CrawlLease> lease = grant(request, work.get().host(), work.get().urls(), now, batch);
        return new Answer(new LeaseDecision.Granted(lease), journal.appendLater(batch));
    }

    /**
     * A node ends its live lease early (it is shutting down) and names the URLs it never fetched: they go back to
     * the frontier at once, for another node, instead of when the lease is released. Pages it sent for the other
     * URLs are still judged as usual; a page it sends later for a handed-back URL earns nothing. Answered only
     * once durable, like a lease.
     */
    public HandBackDecision handBack(Signed<LeaseHandBack> signed) {
        LeaseHandBack handBack = signed.record();
        Ed25519PublicKey nodeKey;
        try {
            nodeKey = ValidatedKeys.SHARED.get(handBack.nodeKey());
        } catch (InvalidKeyException e) {
            return new HandBackDecision.Refused("invalid node key");
        }
        if (!signed.verifies(config.origin(), nodeKey)) {
            return new HandBackDecision.Refused("bad signature");
        }
        HandBackAnswer answer = takeBack(handBack);
        try {
            answer.durable().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return answer.decision();
    }

    private record HandBackAnswer(HandBackDecision decision, java.util.concurrent.CompletableFuture<Void> durable) {
        static HandBackAnswer now(HandBackDecision decision) {
            return new HandBackAnswer(decision, java.util.concurrent.CompletableFuture.completedFuture(null));
        }
    }

    /** Journals under the lock, like {@link #decide}, so the journal keeps the order in which state changed. */
    private synchronized HandBackAnswer takeBack(LeaseHandBack handBack) {
        long now = clock.millis();
        ReplayGuard.Verdict freshness = replayGuard.check(handBack.nodeKey(), handBack.nonce(), handBack.requestedAtMillis(), now);
        if (freshness != ReplayGuard.Verdict.FRESH) {
            return HandBackAnswer.now(new HandBackDecision.Refused("request " + freshness.name().toLowerCase()));
        }
        Optional<CrawlLease> found = leases.find(handBack.leaseId());
        if (found.isEmpty() || !found.get().nodeKey().equals(handBack.nodeKey())) {
            return HandBackAnswer.now(new HandBackDecision.Refused("no lease " + handBack.leaseId() + " of this node"));
        }
        CrawlLease lease = found.get();
        if (!handBack.unfetched().isEmpty() && handBack.unfetched().get(handBack.unfetched().size() - 1) >= lease.urls().size()) {
            return HandBackAnswer.now(new HandBackDecision.Refused("position outside the lease's " + lease.urls().size() + " URLs"));
        }
        if (leases.stateOf(lease.leaseId()).orElseThrow() != LeaseState.LIVE) {
            return HandBackAnswer.now(new HandBackDecision.NotLive());
        }
        List<JournalEvent> batch = new java.util.ArrayList<>();
        batch.add(new JournalEvent.UrlsHandedBack(lease.leaseId(), handBack.unfetched()));
        List<LeasedUrl> returned = leases.handBack(lease.leaseId(), handBack.unfetched());
        settle(lease.leaseId(), LeaseState.COMPLETED, now, batch);
        returned.forEach(u -> spotChecks.handedBack(u.url(), lease.leaseId()));
        List<LeasedUrl> requeue = returned.stream().filter(u -> !credits.urlCredited(u.url())).toList();
        if (frontier != null && frontier.job().jobId().equals(lease.jobId()) && !requeue.isEmpty()) {
            frontier.giveBack(lease.host(), requeue);
        }
        return new HandBackAnswer(new HandBackDecision.Accepted(returned.size()), journal.appendLater(batch));
    }

    /**
     * Signs and records a lease and adds its event to {@code batch}. The caller journals the batch and answers
     * only once it is durable; if that fails, the journal is unusable and nothing more is answered until a
     * restart replays what was durable, so no node ever holds a lease the journal does not know.
     */
    private Signed<CrawlLease> grant(LeaseRequest request, String host, List<LeasedUrl> urls, long now, List<JournalEvent> batch) {
        CrawlLease lease = new CrawlLease(UUID.randomUUID().toString(), frontier.job().jobId(), request.nodeKey(),
                host, urls, now, now + config.leaseTtl().toMillis(), config.crawlDelay().toMillis(), nonce());
        Signed<CrawlLease> signedLease = Signed.sign(lease, config.origin(), key);
        batch.add(new JournalEvent.LeaseGranted(signedLease));
        leases.add(signedLease);
        return signedLease;
    }

    /**
     * Settles a lease in memory and adds its event to {@code batch}, which the caller appends to the journal
     * before it answers anyone: if that append fails, the journal is unusable and only a restart (which
     * replays what was durable) continues, so no one ever acts on a settlement that was not recorded.
     */
    private void settle(String leaseId, LeaseState state, long now, List<JournalEvent> batch) {
        batch.add(new JournalEvent.LeaseSettled(leaseId, state, now));
        leases.settle(leaseId, state, now);
        lastSettlementMillis = now;
    }

    private void expireLeases(long now, List<JournalEvent> batch) {
        for (String leaseId : leases.expiredAt(now)) {
            settle(leaseId, LeaseState.EXPIRED, now, batch);
        }
    }

    /** Expires overdue leases and forgets old released ones; the ingest loop calls it, so it runs even if every node is gone. */
    public synchronized void tick() {
        long now = clock.millis();
        List<JournalEvent> batch = new java.util.ArrayList<>();
        expireLeases(now, batch);
        journal.appendAll(batch);
        leases.prune(now, PRUNE_GRACE_MILLIS);
    }

    /** Verifies and credits (in memory) one delivered page; the returned event must be committed to the credits topic. */
    public synchronized CreditEvent acceptPage(FetchedPage page) {
        ContributionVerdict verdict = verifier.verify(page);
        var receipt = page.receipt().record();
        if (verdict.credited()) {
            String nodeId = receipt.nodeKey().hex();
            Optional<CreditEvent> checked = spotChecks.judge(receipt.url(), receipt.leaseId(), receipt.bodySha256(),
                    () -> TextFingerprint.of(page.body().toArray(), page.contentType()));
            CreditEvent event;
            if (checked.isEmpty() && frontier != null && !credits.urlCredited(receipt.url())
                    && random.nextDouble() < config.spotCheckShare()) {
                event = CreditEvent.creditedForSpotCheck(nodeId, receipt.leaseId(), receipt.url(), page.body().length(),
                        receipt.bodySha256(), TextFingerprint.of(page.body().toArray(), page.contentType()));
                spotChecks.schedule(event, frontier.job().maxDepth());
            } else {
                event = CreditEvent.credited(nodeId, receipt.leaseId(), receipt.url(), page.body().length());
            }
            credits.apply(event);
            leases.delivered(receipt.leaseId(), receipt.url());
            checked.ifPresent(outcome -> {
                credits.apply(outcome);
                spotCheckOutcomes.add(outcome);
            });
            return event;
        }
        ReasonCode reason = verdict.reason().orElseThrow();
        // A refusal is filed under a node only if that node really signed the receipt.
        String nodeId = reason == ReasonCode.BAD_SIGNATURE ? CreditEvent.UNVERIFIED : receipt.nodeKey().hex();
        CreditEvent event = CreditEvent.refused(nodeId, receipt.leaseId(), receipt.url(), reason);
        credits.apply(event);
        return event;
    }

    /** Spot-check outcomes decided since the last call; the ingest commits them with the page that decided them. */
    public synchronized List<CreditEvent> drainSpotCheckOutcomes() {
        List<CreditEvent> out = List.copyOf(spotCheckOutcomes);
        spotCheckOutcomes.clear();
        return out;
    }

    public synchronized int pendingSpotChecks() {
        return spotChecks.pendingCount();
    }

    public synchronized CreditEvent refuseMalformed() {
        CreditEvent event = CreditEvent.refused(CreditEvent.UNVERIFIED, "", "", ReasonCode.MALFORMED_RECORD);
        credits.apply(event);
        return event;
    }

    /**
     * Queues a node's outlinks, but only for a lease that node holds and a page it was leased. Returns the URLs
     * that were new; the ingest journals them with its offsets.
     */
    public synchronized List<LeasedUrl> acceptLinks(LinkBatch links) {
        Optional<CrawlLease> lease = leases.find(links.leaseId());
        if (frontier == null || lease.isEmpty() || !lease.get().nodeKey().equals(links.nodeKey())
                || !lease.get().jobId().equals(frontier.job().jobId())
                || !leases.covers(links.leaseId(), links.sourceUrl()) || leases.isReleased(links.leaseId())) {
            return List.of();
        }
        // The depth comes from the lease, never from the node's claim, so a node cannot reset the job's depth limit.
        int depth = lease.get().urls().stream().filter(u -> u.url().equals(links.sourceUrl()))
                .mapToInt(u -> u.depth() + 1).findFirst().orElseThrow();
        List<LeasedUrl> added = new java.util.ArrayList<>();
        for (String url : links.urls()) {
            frontier.offer(url, depth).ifPresent(added::add);
        }
        return added;
    }

    /** The last reward epoch closed before the restart this coordinator was restored from, if any. */
    public synchronized Optional<JournalEvent.EpochClosed> restoredEpoch() {
        return Optional.ofNullable(lastClosedEpoch);
    }

    public synchronized Optional<String> currentJobId() {
        return frontier == null ? Optional.empty() : Optional.of(frontier.job().jobId());
    }

    /**
     * Called by the ingest loop, after committing, with the time at which it started a check that found it had
     * consumed everything. Settled leases from before that time are released: every page sent for them has
     * been judged, so their uncredited URLs can go back to the frontier without being credited twice.
     */
    public synchronized void caughtUp(long checkStartedMillis) {
        caughtUpAtMillis = Math.max(caughtUpAtMillis, checkStartedMillis);
        List<String> releasable = leases.releasableBefore(checkStartedMillis);
        journal.appendAll(releasable.stream().<JournalEvent>map(JournalEvent.LeaseReleased::new).toList());
        for (String leaseId : releasable) {
            spotChecks.released(leaseId);
            leases.release(leaseId).ifPresent(r -> {
                List<LeasedUrl> retry = r.urls().stream().filter(u -> countFailure(u) < MAX_ATTEMPTS
                        && !credits.urlCredited(u.url())).toList();
                if (!retry.isEmpty() && frontier != null) {
                    frontier.giveBack(r.host(), retry);
                    lastSettlementMillis = clock.millis();
                }
            });
        }
        recovering = false;
    }

    private int countFailure(LeasedUrl url) {
        return failedAttempts.merge(url.url(), 1, Integer::sum);
    }

    /** The job is done when nothing is queued, leased or awaiting release, and every page and link sent was consumed. */
    public synchronized boolean finished() {
        return frontier != null && !recovering && frontier.isEmpty() && !leases.hasLive() && !leases.hasUnreleased()
                && caughtUpAtMillis > lastSettlementMillis;
    }

    /** Fraud signals per node and the metrics behind them. */
    public FraudSignals signals() {
        return signals;
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
