package org.gleaner.coordinator.lease;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeasedUrl;

/**
 * Every lease issued, and which are live: a host is leased to one node at a time and a node holds one lease
 * at a time. Settled leases stay known so that pages still in flight can be matched to them.
 */
public final class LeaseBook {
    private final Map<String, LiveLease> byId = new HashMap<>();
    private final Map<Bytes, String> liveByNode = new HashMap<>();
    private final Map<String, String> liveByHost = new HashMap<>();
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
    }

    public Optional<CrawlLease> find(String leaseId) {
        return Optional.ofNullable(byId.get(leaseId)).map(LiveLease::lease);
    }

    public boolean covers(String leaseId, String url) {
        LiveLease lease = byId.get(leaseId);
        return lease != null && lease.covers(url);
    }

    public void delivered(String leaseId, String url) {
        LiveLease lease = byId.get(leaseId);
        if (lease != null) {
            lease.delivered(url);
        }
    }

    public Set<String> busyHosts() {
        return Set.copyOf(liveByHost.keySet());
    }

    public boolean hasLive() {
        return !liveByNode.isEmpty();
    }

    /** Completes the node's live lease, if any: the node asks for new work only after flushing the last. */
    public boolean completeLiveLeaseOf(Bytes nodeKey) {
        String leaseId = liveByNode.get(nodeKey);
        if (leaseId == null) {
            return false;
        }
        settle(byId.get(leaseId), LeaseState.COMPLETED);
        completed++;
        return true;
    }

    /** Expires live leases past their time; returns their undelivered URLs, per host, for the frontier. */
    public List<Expired> expire(long nowMillis) {
        List<Expired> out = new ArrayList<>();
        for (String leaseId : List.copyOf(liveByNode.values())) {
            LiveLease lease = byId.get(leaseId);
            if (!lease.lease().isLiveAt(nowMillis)) {
                settle(lease, LeaseState.EXPIRED);
                expired++;
                List<LeasedUrl> back = lease.lease().urls().stream()
                        .filter(u -> lease.undelivered().contains(u.url()))
                        .collect(Collectors.toList());
                out.add(new Expired(lease.lease().host(), back));
            }
        }
        return out;
    }

    private void settle(LiveLease lease, LeaseState state) {
        lease.settle(state);
        liveByNode.remove(lease.lease().nodeKey());
        liveByHost.remove(lease.lease().host());
    }

    public int issuedCount() {
        return byId.size();
    }

    public int completedCount() {
        return completed;
    }

    public int expiredCount() {
        return expired;
    }

    public record Expired(String host, List<LeasedUrl> urls) {
    }
}
