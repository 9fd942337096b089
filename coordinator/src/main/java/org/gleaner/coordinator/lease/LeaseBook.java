package org.gleaner.coordinator.lease;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeasedUrl;

/**
 * The leases issued and where each is: a host is leased to one node at a time and a node holds one live lease
 * at a time. A settled lease keeps its host busy for nobody, but its URLs stay out of the frontier until it is
 * released (see {@link LeaseState}). Released leases are forgotten once no page for them can be valid any more.
 */
public final class LeaseBook {
    private final Map<String, LiveLease> byId = new LinkedHashMap<>();
    private final Map<Bytes, String> liveByNode = new HashMap<>();
    private final Map<String, String> liveByHost = new HashMap<>();
    private int issued;
    private int completed;
    private int expired;

    /** Records a new live lease; refuses one for a node or host that already holds a live lease. */
    public void add(Signed<CrawlLease> signed) {
        CrawlLease lease = signed.record();
        if (liveByNode.containsKey(lease.nodeKey()) || liveByHost.containsKey(lease.host())
                || byId.containsKey(lease.leaseId())) {
            throw new IllegalStateException("node or host " + lease.host() + " already has a live lease, or lease id reused");
        }
        byId.put(lease.leaseId(), new LiveLease(signed));
        liveByNode.put(lease.nodeKey(), lease.leaseId());
        liveByHost.put(lease.host(), lease.leaseId());
        issued++;
    }

    public Optional<CrawlLease> find(String leaseId) {
        return Optional.ofNullable(byId.get(leaseId)).map(LiveLease::lease);
    }

    public Optional<LeaseState> stateOf(String leaseId) {
        return Optional.ofNullable(byId.get(leaseId)).map(LiveLease::state);
    }

    public boolean covers(String leaseId, String url) {
        LiveLease lease = byId.get(leaseId);
        return lease != null && lease.covers(url);
    }

    public boolean isReleased(String leaseId) {
        LiveLease lease = byId.get(leaseId);
        return lease != null && lease.state() == LeaseState.RELEASED;
    }

    public void delivered(String leaseId, String url) {
        LiveLease lease = byId.get(leaseId);
        if (lease != null) {
            lease.delivered(url);
        }
    }

    /** Whether a live lease has had every one of its URLs credited. */
    public boolean liveAndFullyDelivered(String leaseId) {
        LiveLease lease = byId.get(leaseId);
        return lease != null && lease.state() == LeaseState.LIVE && lease.fullyDelivered();
    }

    public Set<String> busyHosts() {
        return Set.copyOf(liveByHost.keySet());
    }

    public boolean hasLive() {
        return !liveByNode.isEmpty();
    }

    /** Whether some settled lease still waits for the ingest to catch up before its URLs can go back. */
    public boolean hasUnreleased() {
        return byId.values().stream().anyMatch(l -> l.state() == LeaseState.COMPLETED || l.state() == LeaseState.EXPIRED);
    }

    /** Whether a lease of this job is live or settled but not yet released. */
    public boolean hasOpenLeaseOf(String jobId) {
        return openCountOf(jobId) > 0;
    }

    public int openCountOf(String jobId) {
        return (int) byId.values().stream().filter(l -> l.state() != LeaseState.RELEASED && l.lease().jobId().equals(jobId)).count();
    }

    public Optional<String> liveLeaseOf(Bytes nodeKey) {
        return Optional.ofNullable(liveByNode.get(nodeKey));
    }

    /** Ids of live leases that are past their time at {@code nowMillis}. */
    public List<String> expiredAt(long nowMillis) {
        List<String> out = new ArrayList<>();
        for (String leaseId : liveByNode.values()) {
            if (!byId.get(leaseId).lease().isLiveAt(nowMillis)) {
                out.add(leaseId);
            }
        }
        return out;
    }

    /** Settles a live lease as completed or expired at {@code atMillis}; unknown or settled leases are left alone. */
    public void settle(String leaseId, LeaseState state, long atMillis) {
        LiveLease lease = byId.get(leaseId);
        if (lease == null || lease.state() != LeaseState.LIVE) {
            return;
        }
        lease.settle(state, atMillis);
        liveByNode.remove(lease.lease().nodeKey());
        liveByHost.remove(lease.lease().host());
        if (state == LeaseState.COMPLETED) {
            completed++;
        } else {
            expired++;
        }
    }

    /** Settled, unreleased leases whose settlement came before {@code beforeMillis}. */
    public List<String> releasableBefore(long beforeMillis) {
        return byId.values().stream()
                .filter(l -> (l.state() == LeaseState.COMPLETED || l.state() == LeaseState.EXPIRED)
                        && l.settledAtMillis() < beforeMillis)
                .map(l -> l.lease().leaseId()).toList();
    }

    /** Releases a settled lease; returns its host and the URLs it never delivered, for the frontier. */
    public Optional<Returned> release(String leaseId) {
        LiveLease lease = byId.get(leaseId);
        if (lease == null || lease.state() == LeaseState.LIVE || lease.state() == LeaseState.RELEASED) {
            return Optional.empty();
        }
        lease.release();
        return Optional.of(new Returned(lease.lease().host(), lease.undeliveredUrls()));
    }

    /**
     * Takes back the URLs at {@code positions} of a live lease, which its node says it never fetched: they leave the
     * lease at once (a page for one of them later earns nothing) and are returned for the frontier.
     */
    public List<LeasedUrl> handBack(String leaseId, List<Integer> positions) {
        LiveLease lease = byId.get(leaseId);
        if (lease == null) {
            return List.of();
        }
        return lease.handBack(positions);
    }

    /** Forgets released leases that expired more than {@code graceMillis} before {@code nowMillis}. */
    public int prune(long nowMillis, long graceMillis) {
        int before = byId.size();
        byId.values().removeIf(l -> l.state() == LeaseState.RELEASED && l.lease().expiresAtMillis() + graceMillis < nowMillis);
        return before - byId.size();
    }

    /** URLs held by live leases or by settled leases not yet released: they must not be queued again. */
    public Set<String> heldUrls() {
        Set<String> held = new java.util.HashSet<>();
        for (LiveLease lease : byId.values()) {
            if (lease.state() != LeaseState.RELEASED) {
                lease.heldUrls().forEach(u -> held.add(u.url()));
            }
        }
        return held;
    }

    public int knownCount() {
        return byId.size();
    }

    public int issuedCount() {
        return issued;
    }

    public int completedCount() {
        return completed;
    }

    public int expiredCount() {
        return expired;
    }

    public record Returned(String host, List<LeasedUrl> urls) {
    }
}
