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
import org.gleaner.coordinator.fraud.SignalWindows;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.frontier.Frontier;
import org.gleaner.coordinator.spotcheck.CheckerDraw;
import org.gleaner.coordinator.spotcheck.NodeRoster;
import org.gleaner.coordinator.spotcheck.SpotChecks;
import org.gleaner.coordinator.spotcheck.TextFingerprint;
import org.gleaner.coordinator.journal.InMemoryJournal;
import org.gleaner.coordinator.journal.Journal;
import org.gleaner.coordinator.journal.JournalEvent;
import org.gleaner.coordinator.lease.HandBackDecision;
import org.gleaner.coordinator.lease.LeaseBook;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.coordinator.lease.LeaseState;
import org.gleaner.coordinator.lease.NodeSignature;
import org.gleaner.coordinator.lease.ReplayGuard;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeaseHandBack;
import org.gleaner.protocol.lease.LeaseRequest;
import org.gleaner.protocol.lease.LeasedUrl;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.protocol.page.LinkBatch;

/**
 * The coordinator's domain core: the frontiers of its jobs, the lease book, contribution checks and credits.
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
    /** Jobs that run at once; more are refused until one finishes. */
    public static final int MAX_RUNNING_JOBS = 16;
    private final org.gleaner.coordinator.frontier.Frontiers frontiers = new org.gleaner.coordinator.frontier.Frontiers();
    private final Map<String, Long> creditedPerJob = new HashMap<>();
    private long lastSettlementMillis;
    private long caughtUpAtMillis = -1;
    private boolean recovering;
    private JournalEvent.EpochClosed lastClosedEpoch;
    private final FraudSignals signals;
    private final SpotChecks spotChecks;
    private final NodeRoster roster;
    private final List<CreditEvent> spotCheckOutcomes = new java.util.ArrayList<>();
    private final AddressKeyWatch addressWatch = new AddressKeyWatch(MAX_KEYS_PER_ADDRESS, AddressKeyWatch.WINDOW_MILLIS);
    private final SignalWindows addressSignals = new SignalWindows();
    private final java.util.function.Predicate<String> ownsHost;
    private final boolean settleWhenDelivered;
    private final boolean grantedBudget;
    private final Set<String> knownJobs = new HashSet<>();

    /** A coordinator whose state lives only in memory. */
    public Coordinator(CoordinatorConfig config, Ed25519KeyPair key, Clock clock) {
        this(config, key, clock, new InMemoryJournal());
    }

    public Coordinator(CoordinatorConfig config, Ed25519KeyPair key, Clock clock, Journal journal) {
        this(config, key, clock, journal, new SimpleMeterRegistry());
    }

    public Coordinator(CoordinatorConfig config, Ed25519KeyPair key, Clock clock, Journal journal, MeterRegistry metrics) {
        this(config, key, clock, journal, metrics, host -> true, false);
    }

    /**
     * A coordinator for the hosts {@code ownsHost} accepts: one partition of a frontier that several instances
     * share. With {@code settleWhenDelivered}, a lease is completed as soon as each of its URLs was credited, since
     * the node's next request may go to the instance that owns another partition.
     */
    public Coordinator(CoordinatorConfig config, Ed25519KeyPair key, Clock clock, Journal journal, MeterRegistry metrics,
            java.util.function.Predicate<String> ownsHost, boolean settleWhenDelivered) {
        this(config, key, clock, journal, metrics, ownsHost, settleWhenDelivered, false);
    }

    /**
     * As above; with {@code grantedBudget}, each job's page budget is shared with the other partitions: this one crawls
     * only the allowance the job's budget keeper granted it ({@link #applyBudget}), see decision 0035.
     */
    public Coordinator(CoordinatorConfig config, Ed25519KeyPair key, Clock clock, Journal journal, MeterRegistry metrics,
            java.util.function.Predicate<String> ownsHost, boolean settleWhenDelivered, boolean grantedBudget) {
        this.grantedBudget = grantedBudget;
        this.ownsHost = ownsHost;
        this.settleWhenDelivered = settleWhenDelivered;
        this.signals = new FraudSignals(metrics);
        this.config = config;
        // A node that asked within two lease lifetimes is still working: it asks again when its lease ends.
        this.roster = new NodeRoster(2 * config.leaseTtl().toMillis());
        this.spotChecks = new SpotChecks(config.spotCheckBound().toMillis(), new CheckerDraw(roster, random));
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

    /** Starts a job beside the ones running; refuses a job id used before, or a job beyond {@link #MAX_RUNNING_JOBS}. */
    public synchronized void submit(CrawlJob job) {
        if (knownJobs.contains(job.jobId())) {
            throw new IllegalStateException("job id " + job.jobId() + " was used before");
        }
        long running = frontiers.all().stream().filter(f -> !finished(f)).count();
        if (running >= MAX_RUNNING_JOBS) {
            throw new IllegalStateException("at most " + MAX_RUNNING_JOBS + " jobs run at a time");
        }
        journal.append(new JournalEvent.JobSubmitted(job));
        knownJobs.add(job.jobId());
        frontiers.add(new Frontier(job, ownsHost, grantedBudget));
        lastSettlementMillis = clock.millis();
    }

    /**
     * Rebuilds the state of a fresh coordinator from its journal and its credit events, in log order. Until
     * the ingest next catches up, no lease is granted: pages of settled leases may still be in the topic.
     */
    public synchronized void restore(List<JournalEvent> events, List<CreditEvent> creditEvents) {
        if (!frontiers.isEmpty() || leases.knownCount() > 0) {
            throw new IllegalStateException("restore needs a fresh coordinator");
        }
        Map<String, CrawlLease> grantedLeases = new HashMap<>();
        for (JournalEvent event : events) {
            if (event instanceof JournalEvent.LeaseGranted e) {
                grantedLeases.put(e.lease().record().leaseId(), e.lease().record());
            }
        }
        long restoredAt = clock.millis();
        for (CreditEvent event : inReplayOrder(creditEvents)) {
            credits.apply(event);
            event.reason().ifPresent(r -> signals.restored(event.nodeId(), r));
            switch (event.kind()) {
                case CREDITED_FOR_SPOT_CHECK -> {
                    // When it was scheduled is not recorded: its bound counts from the restart, never sooner.
                    CrawlLease original = grantedLeases.get(event.leaseId());
                    if (original != null) {
                        spotChecks.schedule(event, original.jobId(), depthIn(original, event.url()), restoredAt);
                    }
                }
                case SPOT_CHECK_DISPUTED -> spotChecks.disputed(event, restoredAt);
                case SPOT_CHECK_ARBITRATED -> spotChecks.arbitrated(event);
                case SPOT_CHECK_AGREED, SPOT_CHECK_FAILED, SPOT_CHECK_UNJUDGED -> spotChecks.resolved(event.url());
                default -> {
                }
            }
        }
        for (JournalEvent event : events) {
            if (event instanceof JournalEvent.SpotCheckAssigned e) {
                spotChecks.restoreAssignment(e, restoredAt);
            } else if (event instanceof JournalEvent.LeaseGranted e) {
                roster.granted(e.lease().record().nodeKey().hex(), e.lease().record().issuedAtMillis());
            }
        }
        for (JournalEvent event : events) {
            if (event instanceof JournalEvent.JobSubmitted e) {
                if (knownJobs.add(e.job().jobId())) {
                    frontiers.add(new Frontier(e.job(), ownsHost, grantedBudget));
                }
            } else if (event instanceof JournalEvent.UrlsQueued e) {
                frontiers.of(e.jobId()).ifPresent(f -> e.urls().forEach(f::restore));
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
            } else if (event instanceof JournalEvent.BudgetGranted e) {
                frontiers.of(e.jobId()).ifPresent(f -> f.grant(e.total(), e.exhausted()));
            } else if (event instanceof JournalEvent.EpochClosed e) {
                lastClosedEpoch = e;
            } else if (event instanceof JournalEvent.SignalRaised e) {
                signals.restored(e.nodeId(), e.reason());
                if (e.windowStartMillis() != JournalEvent.SignalRaised.UNKNOWN_WINDOW) {
                    addressSignals.firstInWindow(e.nodeId(), e.windowStartMillis());
                }
            }
        }
        for (Frontier frontier : frontiers.all()) {
            Set<String> notQueued = new HashSet<>(leases.heldUrls());
            failedAttempts.forEach((url, n) -> {
                if (n >= MAX_ATTEMPTS) {
                    notQueued.add(url);
                }
            });
            frontier.withdraw(notQueued);
            frontier.withdrawIf(credits::urlCredited);
        }
        long now = clock.millis();
        for (JournalEvent event : events) {
            if (event instanceof JournalEvent.LeaseGranted e) {
                CrawlLease lease = e.lease().record();
                frontiers.of(lease.jobId()).ifPresent(f -> lease.urls().forEach(u -> {
                    if (credits.alreadyCredited(lease.leaseId(), u.url())) {
                        creditedPerJob.merge(lease.jobId(), 1L, Long::sum);
                        // When it was credited is not recorded: the interval counts from the restart, never sooner.
                        f.scheduleRecrawl(u, now);
                    }
                }));
            }
        }
        // In grant order: a URL can be held by the original's, the checker's and the arbiter's lease at once.
        for (JournalEvent event : events) {
            if (event instanceof JournalEvent.LeaseGranted e && leases.stateOf(e.lease().record().leaseId())
                    .filter(state -> state != LeaseState.RELEASED).isPresent()) {
                CrawlLease lease = e.lease().record();
                lease.urls().forEach(u -> spotChecks.leased(u.url(), lease.leaseId(), lease.nodeKey().hex()));
            }
        }
        leases.prune(clock.millis(), PRUNE_GRACE_MILLIS);
        recovering = true;
        lastSettlementMillis = clock.millis();
    }

    public LeaseDecision requestLease(Signed<LeaseRequest> signed) {
        return requestLease(signed, null);
    }

    /**
     * The credits topic has several partitions (keyed by node), so its replay does not keep the order across nodes
     * in which events were decided. Credits come first (a verdict can take one back), then disputes (they need
     * their scheduled check), then the first of two arbiters' answers (they need the dispute), then verdicts; within
     * each rank, log order. This gives the same book and the same
     * pending checks as the live run.
     */
    private static List<CreditEvent> inReplayOrder(List<CreditEvent> events) {
        return events.stream().sorted(java.util.Comparator.comparingInt(e -> switch (e.kind()) {
            case CREDITED, CREDITED_FOR_SPOT_CHECK -> 0;
            case SPOT_CHECK_DISPUTED -> 1;
            case SPOT_CHECK_ARBITRATED -> 2;
            default -> 3;
        })).toList();
    }

    /**
     * The depth the lease gave {@code url}. A spot check leases the URL at that same depth, so the check looks like
     * ordinary work; the checker's outlinks are the ones the original fetch already queued, so they add nothing.
     */
    private static int depthIn(CrawlLease lease, String url) {
        return lease.urls().stream().filter(u -> u.url().equals(url)).mapToInt(LeasedUrl::depth).findFirst().orElse(0);
    }

    /** Answers a lease request that came from {@code remoteAddress} (null when unknown, as in-process). */
    public LeaseDecision requestLease(Signed<LeaseRequest> signed, String remoteAddress) {
        // The signature check needs no state, so it runs outside the lock: it is the costly part of a request.
        LeaseRequest request = signed.record();
        Optional<String> badSignature = NodeSignature.problem(signed, request.nodeKey(), config.origin());
        if (badSignature.isPresent()) {
            return new LeaseDecision.Refused(badSignature.get());
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
            LeaseDecision refused = new LeaseDecision.Refused(ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS.code() + " "
                    + ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS.description());
            long window = SignalWindows.windowOf(now);
            if (!addressSignals.firstInWindow(request.nodeKey().hex(), window)) {
                return Answer.now(refused); // signalled already in this window: a key that keeps asking is one signal
            }
            signals.signal(request.nodeKey().hex(), ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS);
            // Journaled so the operator still sees it after a restart; the refusal is answered once it is durable.
            return new Answer(refused, journal.appendLater(List.of(
                    new JournalEvent.SignalRaised(request.nodeKey().hex(), ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS, window))));
        }
        return decideWork(request, now, remoteAddress);
    }

    /**
     * Answers a request whose signature, freshness and address the caller (the instance that owns several
     * partitions) has already checked: this partition settles the node's live lease and grants from its hosts.
     */
    public LeaseDecision grantVerified(LeaseRequest request) {
        return grantVerified(request, null);
    }

    /**
     * As {@link #grantVerified(LeaseRequest)}, for a node that asked from {@code remoteAddress} (null when unknown): the
     * roster learns the node's network, so the draw of checkers and arbiters keeps it apart from its neighbours.
     */
    public LeaseDecision grantVerified(LeaseRequest request, String remoteAddress) {
        return awaitDurable(grantLocked(request, remoteAddress));
    }

    /** Reads the clock under the lock, so a grant is never stamped earlier than a settlement that preceded it. */
    private synchronized Answer grantLocked(LeaseRequest request, String remoteAddress) {
        return decideWork(request, clock.millis(), remoteAddress);
    }

    /** Completes the node's live lease in this partition, if it holds one: the node asked for new work elsewhere. */
    public void settleLeaseOf(org.gleaner.protocol.codec.Bytes nodeKey) {
        awaitDurable(settleLocked(nodeKey));
    }

    private synchronized Answer settleLocked(org.gleaner.protocol.codec.Bytes nodeKey) {
        List<JournalEvent> batch = new java.util.ArrayList<>();
        leases.liveLeaseOf(nodeKey).ifPresent(id -> settle(id, LeaseState.COMPLETED, clock.millis(), batch));
        return new Answer(null, journal.appendLater(batch));
    }

    private static LeaseDecision awaitDurable(Answer answer) {
        try {
            answer.durable().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return answer.decision();
    }

    private synchronized Answer decideWork(LeaseRequest request, long now, String remoteAddress) {
        List<JournalEvent> batch = new java.util.ArrayList<>();
        roster.asked(request.nodeKey().hex(), remoteAddress, now);
        Optional<String> previous = leases.liveLeaseOf(request.nodeKey());
        if (previous.isPresent()) {
            // The node asks for new work only after every record of its last lease was acknowledged by Kafka.
            settle(previous.get(), LeaseState.COMPLETED, now, batch);
        }
        expireLeases(now, batch);
        if (frontiers.isEmpty() || recovering) {
            return new Answer(new LeaseDecision.NoWorkYet(500), journal.appendLater(batch));
        }
        if (finished()) {
            return new Answer(new LeaseDecision.AllJobsDone(), journal.appendLater(batch));
        }
        int max = Math.min(request.maxUrls(), config.maxUrlsPerLease());
        // Journaled with the batch, before any lease that carries a drawn check.
        batch.addAll(spotChecks.assign(() -> roster.active(now), () -> roster.recent(now), roster.version(), now));
        Optional<SpotChecks.Batch> checks = spotChecks.takeFor(request.nodeKey().hex(), leases.busyHosts(), max);
        if (checks.isPresent()) {
            Signed<CrawlLease> lease = grant(request, checks.get().jobId(), checks.get().host(),
                    checks.get().urls(), now, batch);
            checks.get().urls().forEach(u -> spotChecks.leased(u.url(), lease.record().leaseId(), request.nodeKey().hex()));
            return new Answer(new LeaseDecision.Granted(lease), journal.appendLater(batch));
        }
        Optional<org.gleaner.coordinator.frontier.Frontiers.JobBatch> work = frontiers.take(max, leases.busyHosts(), now);
        if (work.isEmpty()) {
            return new Answer(new LeaseDecision.NoWorkYet(200), journal.appendLater(batch));
        }
        Signed<CrawlLease> lease = grant(request, work.get().jobId(), work.get().host(), work.get().urls(), now, batch);
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
        Optional<String> badSignature = NodeSignature.problem(signed, handBack.nodeKey(), config.origin());
        if (badSignature.isPresent()) {
            return new HandBackDecision.Refused(badSignature.get());
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
        Optional<Frontier> frontier = frontiers.of(lease.jobId());
        boolean recrawls = frontier.isPresent() && frontier.get().job().recrawls();
        List<LeasedUrl> requeue = returned.stream().filter(u -> recrawls || !credits.urlCredited(u.url())).toList();
        if (frontier.isPresent() && !requeue.isEmpty()) {
            frontier.get().giveBack(lease.host(), requeue);
        }
        return new HandBackAnswer(new HandBackDecision.Accepted(returned.size()), journal.appendLater(batch));
    }

    /**
     * Signs and records a lease and adds its event to {@code batch}. The caller journals the batch and answers
     * only once it is durable; if that fails, the journal is unusable and nothing more is answered until a
     * restart replays what was durable, so no node ever holds a lease the journal does not know.
     */
    private Signed<CrawlLease> grant(LeaseRequest request, String jobId, String host, List<LeasedUrl> urls, long now,
            List<JournalEvent> batch) {
        CrawlLease lease = new CrawlLease(UUID.randomUUID().toString(), jobId, request.nodeKey(),
                host, urls, now, now + config.leaseTtl().toMillis(), config.crawlDelay().toMillis(), nonce());
        Signed<CrawlLease> signedLease = Signed.sign(lease, config.origin(), key);
        batch.add(new JournalEvent.LeaseGranted(signedLease));
        leases.add(signedLease);
        roster.granted(request.nodeKey().hex(), now);
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
        if (!recovering) {
            batch.addAll(spotChecks.assign(() -> roster.active(now), () -> roster.recent(now), roster.version(), now));
        }
        journal.appendAll(batch);
        leases.prune(now, PRUNE_GRACE_MILLIS);
        if (!recovering) {
            for (CreditEvent unjudged : spotChecks.expire(now)) {
                credits.apply(unjudged);
                spotCheckOutcomes.add(unjudged);
                lastSettlementMillis = now;
            }
        }
    }

    /** Verifies and credits (in memory) one delivered page; the returned event must be committed to the credits topic. */
    public synchronized CreditEvent acceptPage(FetchedPage page) {
        ContributionVerdict verdict = verifier.verify(page);
        var receipt = page.receipt().record();
        if (verdict.credited()) {
            String nodeId = receipt.nodeKey().hex();
            boolean isCheck = spotChecks.answers(receipt.url(), receipt.leaseId());
            List<CreditEvent> checked = spotChecks.judge(receipt.url(), receipt.leaseId(), nodeId, receipt.bodySha256(),
                    () -> TextFingerprint.of(page.body().toArray(), page.contentType()), page.body().length(), clock.millis());
            CreditEvent event;
            Optional<CrawlLease> lease = leases.find(receipt.leaseId());
            Optional<Frontier> frontier = lease.flatMap(l -> frontiers.of(l.jobId()));
            if (!isCheck && frontier.isPresent() && !credits.urlCredited(receipt.url())
                    && random.nextDouble() < config.spotCheckShare()) {
                event = CreditEvent.creditedForSpotCheck(nodeId, receipt.leaseId(), receipt.url(), page.body().length(),
                        receipt.bodySha256(), TextFingerprint.of(page.body().toArray(), page.contentType()));
                spotChecks.schedule(event, frontier.get().job().jobId(), depthIn(lease.get(), receipt.url()), clock.millis());
            } else {
                event = CreditEvent.credited(nodeId, receipt.leaseId(), receipt.url(), page.body().length());
            }
            credits.apply(event);
            leases.delivered(receipt.leaseId(), receipt.url());
            if (frontier.isPresent() && !isCheck) {
                creditedPerJob.merge(frontier.get().job().jobId(), 1L, Long::sum);
                lease.get().urls().stream().filter(u -> u.url().equals(receipt.url())).findFirst()
                        .ifPresent(u -> frontier.get().scheduleRecrawl(u, clock.millis()));
            }
            if (settleWhenDelivered && leases.liveAndFullyDelivered(receipt.leaseId())) {
                List<JournalEvent> batch = new java.util.ArrayList<>();
                settle(receipt.leaseId(), LeaseState.COMPLETED, clock.millis(), batch);
                journal.appendAll(batch);
            }
            for (CreditEvent outcome : checked) {
                credits.apply(outcome);
                spotCheckOutcomes.add(outcome);
            }
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

    /** Records a refused link batch (G100, G111, G112) as a credit event, so the signal is committed and replayed like any refusal. */
    public synchronized CreditEvent refuseLinks(ReasonCode reason) {
        CreditEvent event = CreditEvent.refused(CreditEvent.UNVERIFIED, "", "", reason);
        credits.apply(event);
        return event;
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
        Optional<Frontier> job = lease.flatMap(l -> frontiers.of(l.jobId()));
        if (job.isEmpty() || !lease.get().nodeKey().equals(links.nodeKey())
                || !leases.covers(links.leaseId(), links.sourceUrl()) || leases.isReleased(links.leaseId())) {
            return List.of();
        }
        Frontier frontier = job.get();
        // The depth comes from the lease, never from the node's claim, so a node cannot reset the job's depth limit.
        int depth = lease.get().urls().stream().filter(u -> u.url().equals(links.sourceUrl()))
                .mapToInt(u -> u.depth() + 1).findFirst().orElseThrow();
        List<LeasedUrl> added = new java.util.ArrayList<>();
        for (String url : links.urls()) {
            frontier.offer(url, depth).ifPresent(added::add);
        }
        return added;
    }

    /**
     * Checks a node's outlinks like {@link #acceptLinks} and sorts them: URLs of hosts this partition owns are
     * queued here (returned as {@code queued}), URLs of other hosts are returned as {@code elsewhere}, normalized and
     * in scope, for the partitions that own them.
     */
    public synchronized RoutedLinks routeLinks(LinkBatch links) {
        Optional<CrawlLease> lease = leases.find(links.leaseId());
        Optional<Frontier> job = lease.flatMap(l -> frontiers.of(l.jobId()));
        if (job.isEmpty() || !lease.get().nodeKey().equals(links.nodeKey())
                || !leases.covers(links.leaseId(), links.sourceUrl()) || leases.isReleased(links.leaseId())) {
            return new RoutedLinks("", List.of(), List.of());
        }
        Frontier frontier = job.get();
        int depth = lease.get().urls().stream().filter(u -> u.url().equals(links.sourceUrl()))
                .mapToInt(u -> u.depth() + 1).findFirst().orElseThrow();
        List<LeasedUrl> queued = new java.util.ArrayList<>();
        List<LeasedUrl> elsewhere = new java.util.ArrayList<>();
        for (String url : links.urls()) {
            Optional<LeasedUrl> admitted = frontier.admit(url, depth);
            if (admitted.isEmpty()) {
                continue;
            }
            if (frontier.ownsHost(org.gleaner.coordinator.frontier.UrlNormalizer.hostKey(admitted.get().url()))) {
                frontier.offer(admitted.get().url(), depth).ifPresent(queued::add);
            } else {
                elsewhere.add(admitted.get());
            }
        }
        return new RoutedLinks(frontier.job().jobId(), queued, elsewhere);
    }

    /** Queues URLs another partition routed here (already checked there); returns those that were new. */
    public synchronized List<LeasedUrl> offerRouted(String jobId, List<LeasedUrl> urls) {
        Optional<Frontier> job = frontiers.of(jobId);
        if (job.isEmpty()) {
            return List.of();
        }
        Frontier frontier = job.get();
        List<LeasedUrl> added = new java.util.ArrayList<>();
        for (LeasedUrl url : urls) {
            frontier.offer(url.url(), url.depth()).ifPresent(added::add);
        }
        if (!added.isEmpty()) {
            lastSettlementMillis = clock.millis();
        }
        return added;
    }

    /**
     * Takes up a job that was submitted to the shared frontier (the jobs topic), without journaling it here:
     * only the seeds of owned hosts are queued. A job already known is ignored, as is a new one while one runs.
     */
    public synchronized boolean adoptJob(CrawlJob job) {
        if (!knownJobs.add(job.jobId())) {
            return false;
        }
        frontiers.add(new Frontier(job, ownsHost, grantedBudget));
        lastSettlementMillis = clock.millis();
        return true;
    }

    /** The job, if this coordinator knows it. */
    public synchronized Optional<CrawlJob> job(String jobId) {
        return frontiers.of(jobId).map(Frontier::job);
    }

    /** Per job whose frontier waits for page allowance, the total allowance it needs (shared budget only). */
    public synchronized Map<String, Long> budgetWanted() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        frontiers.all().forEach(f -> f.budgetWanted().ifPresent(w -> out.put(f.job().jobId(), w)));
        return out;
    }

    /** Raises the job's allowance here to {@code total}; the ingest journals the grant with its offsets. */
    public synchronized void applyBudget(String jobId, long total, boolean exhausted) {
        frontiers.of(jobId).ifPresent(f -> {
            f.grant(total, exhausted);
            lastSettlementMillis = clock.millis();
        });
    }

    /** Outlinks sorted by the partition that owns their host. */
    public record RoutedLinks(String jobId, List<LeasedUrl> queued, List<LeasedUrl> elsewhere) {
    }

    /** The last reward epoch closed before the restart this coordinator was restored from, if any. */
    public synchronized Optional<JournalEvent.EpochClosed> restoredEpoch() {
        return Optional.ofNullable(lastClosedEpoch);
    }

    public synchronized Optional<String> currentJobId() {
        return frontiers.latest().map(f -> f.job().jobId());
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
            Optional<Frontier> frontier = leases.find(leaseId).flatMap(l -> frontiers.of(l.jobId()));
            leases.release(leaseId).ifPresent(r -> {
                boolean recrawls = frontier.isPresent() && frontier.get().job().recrawls();
                List<LeasedUrl> retry = r.urls().stream().filter(u -> countFailure(u) < MAX_ATTEMPTS
                        && (recrawls || !credits.urlCredited(u.url()))).toList();
                if (!retry.isEmpty() && frontier.isPresent()) {
                    frontier.get().giveBack(r.host(), retry);
                    lastSettlementMillis = clock.millis();
                }
            });
        }
        recovering = false;
    }

    /** Whether the ingest confirmed it had consumed everything in a check that started at or after {@code millis}. */
    public synchronized boolean caughtUpSince(long millis) {
        return caughtUpAtMillis >= millis;
    }

    private int countFailure(LeasedUrl url) {
        return failedAttempts.merge(url.url(), 1, Integer::sum);
    }

    /** The job is done when nothing is queued, leased or awaiting release, and every page and link sent was consumed. */
    public synchronized boolean finished() {
        return !frontiers.isEmpty() && frontiers.all().stream().allMatch(this::finished);
    }

    /** A job is finished when nothing of it is queued, leased or awaiting release, and everything sent was consumed; a recrawling job never is. */
    private boolean finished(Frontier frontier) {
        return !recovering && !frontier.job().recrawls() && frontier.isEmpty() && !leases.hasOpenLeaseOf(frontier.job().jobId())
                && !spotChecks.hasPendingOf(frontier.job().jobId()) && caughtUpAtMillis > lastSettlementMillis;
    }

    /** The progress of one job, if it is known here. */
    public synchronized Optional<JobProgress> progress(String jobId) {
        return frontiers.of(jobId).map(f -> new JobProgress(jobId, finished(f), f.discovered(), f.queuedCount(), f.scheduledCount(),
                leases.openCountOf(jobId), creditedPerJob.getOrDefault(jobId, 0L)));
    }

    /** Every job's progress, in submission order. */
    public synchronized List<JobProgress> jobs() {
        return frontiers.all().stream().map(f -> progress(f.job().jobId()).orElseThrow()).toList();
    }

    /** What a lab sees of its job: URLs found, waiting (queued now, or scheduled for a recrawl), leased, and pages credited. */
    public record JobProgress(String jobId, boolean finished, int discoveredUrls, int queuedUrls, int scheduledRecrawls,
            int openLeases, long creditedPages) {
    }

    /**
     * In a shared frontier, as the partition that keeps {@code reported}'s node's signals: whether this is the first
     * signal of its kind for that node in its window (then it is counted once committed; the caller journals it and
     * writes its credit event in the same transaction), or a repeat from another instance or from before a hand-over.
     */
    public synchronized boolean firstReport(JournalEvent.SignalRaised reported) {
        return reported.reason() == ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS
                && reported.windowStartMillis() != JournalEvent.SignalRaised.UNKNOWN_WINDOW
                && addressSignals.firstInWindow(reported.nodeId(), reported.windowStartMillis());
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
        return new Stats(frontiers.discovered(), leases.issuedCount(), leases.completedCount(),
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
