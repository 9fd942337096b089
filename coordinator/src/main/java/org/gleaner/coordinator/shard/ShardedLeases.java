package org.gleaner.coordinator.shard;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.api.LeaseService;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.coordinator.durable.JournalUnavailableException;
import org.gleaner.coordinator.fraud.AddressKeyWatch;
import org.gleaner.coordinator.fraud.SignalWindows;
import org.gleaner.coordinator.journal.JournalEvent;
import org.gleaner.coordinator.lease.HandBackDecision;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.coordinator.lease.NodeSignature;
import org.gleaner.coordinator.lease.ReplayGuard;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.lease.LeaseHandBack;
import org.gleaner.protocol.lease.LeaseRequest;

/**
 * One instance's answer to lease requests: checks the signature, freshness and address once (a key refused for too
 * many keys from one address is reported, once per window, to the partition that keeps its signals), completes the
 * node's live lease in every partition it owns, then grants from its own partitions (starting at a different one
 * each time); with nothing to lease it forwards the request, once, to its peers. It tells the node that every job is done only
 * when every partition it owns is finished and either it owns them all or every peer says the same. A partition that was just handed
 * over cannot journal any more (its producer is fenced) and is skipped.
 */
final class ShardedLeases implements LeaseService {
    private final CoordinatorConfig config;
    private final Clock clock;
    private final Supplier<List<FrontierShard>> shards;
    private final ReplayGuard replayGuard;
    private final AddressKeyWatch addressWatch = new AddressKeyWatch(Coordinator.MAX_KEYS_PER_ADDRESS, AddressKeyWatch.WINDOW_MILLIS);
    /** Signals this instance reported already; the partition that keeps them drops repeats from other instances too. */
    private final SignalWindows reported = new SignalWindows();
    private final Consumer<JournalEvent.SignalRaised> signalReports;
    private final List<PeerClient> peers = new CopyOnWriteArrayList<>();
    private final AtomicInteger rotation = new AtomicInteger();

    private final int partitions;

    ShardedLeases(CoordinatorConfig config, Clock clock, int partitions, Supplier<List<FrontierShard>> shards,
            Consumer<JournalEvent.SignalRaised> signalReports) {
        this.signalReports = signalReports;
        this.partitions = partitions;
        this.config = config;
        this.clock = clock;
        this.shards = shards;
        this.replayGuard = new ReplayGuard(config.requestFreshness().toMillis());
    }

    void addPeer(PeerClient peer) {
        peers.add(peer);
    }

    /** Waits (briefly: this happens only at the end of a job) for the ingest to catch up after {@code arrivedAt}. */
    private boolean awaitCatchUp(Coordinator partition, long arrivedAt) {
        for (int i = 0; i < 100 && !partition.caughtUpSince(arrivedAt); i++) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return partition.caughtUpSince(arrivedAt);
    }

    @Override
    public LeaseDecision requestLease(Signed<LeaseRequest> signed, String remoteAddress, boolean forwarded) {
        LeaseRequest request = signed.record();
        Optional<String> badSignature = NodeSignature.problem(signed, request.nodeKey(), config.origin());
        if (badSignature.isPresent()) {
            return new LeaseDecision.Refused(badSignature.get());
        }
        long now = clock.millis();
        long arrivedAt = now;
        boolean refused = false;
        JournalEvent.SignalRaised manyKeys = null;
        synchronized (this) {
            ReplayGuard.Verdict freshness = replayGuard.check(request.nodeKey(), request.nonce(), request.requestedAtMillis(), now);
            if (freshness != ReplayGuard.Verdict.FRESH) {
                return new LeaseDecision.Refused("request " + freshness.name().toLowerCase());
            }
            if (remoteAddress != null && !addressWatch.admit(remoteAddress, request.nodeKey(), now)) {
                long window = SignalWindows.windowOf(now);
                manyKeys = reported.signalled(request.nodeKey().hex(), window) ? null
                        : new JournalEvent.SignalRaised(request.nodeKey().hex(), ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS, window);
                refused = true;
            }
        }
        if (refused) {
            if (manyKeys != null) {
                // Outside the lock: the refusal is answered once the report is durable (503 if it cannot be).
                signalReports.accept(manyKeys);
                reported.firstInWindow(manyKeys.nodeId(), manyKeys.windowStartMillis());
            }
            return new LeaseDecision.Refused(ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS.code() + " "
                    + ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS.description());
        }
        List<FrontierShard> owned = shards.get();
        for (FrontierShard shard : owned) {
            try {
                shard.coordinator().settleLeaseOf(request.nodeKey());
            } catch (JournalUnavailableException e) {
                // handed over: the new owner settles it when the node next asks there, or it expires
            }
        }
        boolean allDone = !owned.isEmpty();
        long retry = 1_000;
        int start = owned.isEmpty() ? 0 : Math.floorMod(rotation.getAndIncrement(), owned.size());
        for (int i = 0; i < owned.size(); i++) {
            LeaseDecision d;
            Coordinator partition = owned.get((start + i) % owned.size()).coordinator();
            try {
                d = partition.grantVerified(request, remoteAddress);
                if (d instanceof LeaseDecision.AllJobsDone && !awaitCatchUp(partition, arrivedAt)) {
                    // URLs routed here by another partition just before this request may not have been read yet.
                    d = new LeaseDecision.NoWorkYet(100);
                }
            } catch (JournalUnavailableException e) {
                d = new LeaseDecision.NoWorkYet(200);
            }
            if (d instanceof LeaseDecision.Granted) {
                return d;
            }
            allDone &= d instanceof LeaseDecision.AllJobsDone;
            if (d instanceof LeaseDecision.NoWorkYet wait) {
                retry = Math.min(retry, wait.retryAfterMillis());
            }
        }
        if (allDone && owned.size() == partitions) {
            return new LeaseDecision.AllJobsDone();
        }
        if (!forwarded) {
            // Every job is done only if every peer says so too: an unreachable peer keeps the answer at "wait" until
            // its partitions have been taken over by instances that answer.
            for (PeerClient peer : peers) {
                LeaseDecision d = peer.forward(signed, remoteAddress);
                if (d instanceof LeaseDecision.Granted || d instanceof LeaseDecision.Refused) {
                    return d;
                }
                allDone &= d instanceof LeaseDecision.AllJobsDone;
                if (d instanceof LeaseDecision.NoWorkYet wait) {
                    retry = Math.min(retry, wait.retryAfterMillis());
                }
            }
        }
        return allDone ? new LeaseDecision.AllJobsDone() : new LeaseDecision.NoWorkYet(retry);
    }

    /**
     * Offers the hand-back to every partition this instance owns: the one holding the node's live lease takes it.
     * A lease granted through a peer lives there and is not found here: the node's URLs then return when that lease
     * expires, as before hand-backs existed.
     */
    @Override
    public HandBackDecision handBack(Signed<LeaseHandBack> signed) {
        HandBackDecision answer = null;
        for (FrontierShard shard : shards.get()) {
            HandBackDecision d;
            try {
                d = shard.coordinator().handBack(signed);
            } catch (JournalUnavailableException e) {
                continue;
            }
            if (d instanceof HandBackDecision.Accepted) {
                return d;
            }
            if (answer == null || d instanceof HandBackDecision.NotLive) {
                answer = d;
            }
        }
        return answer != null ? answer : new HandBackDecision.Refused("no partition of this instance holds that lease");
    }
}
