package org.gleaner.coordinator.lease;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeasedUrl;

/** A lease the coordinator issued, its state, and the URLs it has not yet seen credited. */
final class LiveLease {
    private final Signed<CrawlLease> signed;
    private final Set<String> undelivered = new LinkedHashSet<>();
    private LeaseState state = LeaseState.LIVE;
    private long settledAtMillis = -1;

    LiveLease(Signed<CrawlLease> signed) {
        this.signed = signed;
        signed.record().urls().stream().map(LeasedUrl::url).forEach(undelivered::add);
    }

    CrawlLease lease() {
        return signed.record();
    }

    LeaseState state() {
        return state;
    }

    long settledAtMillis() {
        return settledAtMillis;
    }

    void settle(LeaseState next, long atMillis) {
        state = next;
        settledAtMillis = atMillis;
    }

    void release() {
        state = LeaseState.RELEASED;
    }

    boolean covers(String url) {
        return lease().urls().stream().anyMatch(u -> u.url().equals(url));
    }

    void delivered(String url) {
        undelivered.remove(url);
    }

    boolean fullyDelivered() {
        return undelivered.isEmpty();
    }

    List<LeasedUrl> undeliveredUrls() {
        return lease().urls().stream().filter(u -> undelivered.contains(u.url())).toList();
    }
}
