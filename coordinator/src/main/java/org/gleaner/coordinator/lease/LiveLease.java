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
    private final Set<String> handedBack = new java.util.HashSet<>();
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

    /** Whether the lease still holds {@code url}: a URL the node handed back is no longer its to deliver. */
    boolean covers(String url) {
        return !handedBack.contains(url) && lease().urls().stream().anyMatch(u -> u.url().equals(url));
    }

    /** Takes back the undelivered URLs at {@code positions}; returns them (delivered ones stay with the lease). */
    List<LeasedUrl> handBack(List<Integer> positions) {
        List<LeasedUrl> returned = new java.util.ArrayList<>();
        for (int position : positions) {
            if (position < 0 || position >= lease().urls().size()) {
                continue;
            }
            LeasedUrl url = lease().urls().get(position);
            if (undelivered.remove(url.url())) {
                handedBack.add(url.url());
                returned.add(url);
            }
        }
        return returned;
    }

    /** URLs this lease still holds: all of them but those handed back. */
    List<LeasedUrl> heldUrls() {
        return lease().urls().stream().filter(u -> !handedBack.contains(u.url())).toList();
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
