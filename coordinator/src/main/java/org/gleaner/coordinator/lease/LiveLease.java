package org.gleaner.coordinator.lease;

import java.util.HashSet;
import java.util.Set;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeasedUrl;

/** A lease the coordinator issued, with the URLs it has not yet seen delivered. */
final class LiveLease {
    private final Signed<CrawlLease> signed;
    private final Set<String> undelivered = new HashSet<>();
    private LeaseState state = LeaseState.LIVE;

    LiveLease(Signed<CrawlLease> signed) {
        this.signed = signed;
        signed.record().urls().stream().map(LeasedUrl::url).forEach(undelivered::add);
    }

    Signed<CrawlLease> signed() {
        return signed;
    }

    CrawlLease lease() {
        return signed.record();
    }

    LeaseState state() {
        return state;
    }

    void settle(LeaseState next) {
        state = next;
    }

    boolean covers(String url) {
        return lease().urls().stream().anyMatch(u -> u.url().equals(url));
    }

    void delivered(String url) {
        undelivered.remove(url);
    }

    Set<String> undelivered() {
        return Set.copyOf(undelivered);
    }
}
