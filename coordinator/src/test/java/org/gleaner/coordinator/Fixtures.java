package org.gleaner.coordinator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeaseRequest;
import org.gleaner.protocol.lease.LeasedUrl;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.protocol.page.PageReceipt;
import org.gleaner.protocol.page.SiteSignals;

/** Keys, records and a settable clock shared by the coordinator tests. */
public final class Fixtures {
    public static final String ORIGIN = "gleaner-test";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Fixtures() {
    }

    public static Bytes nonce() {
        byte[] n = new byte[16];
        RANDOM.nextBytes(n);
        return Bytes.of(n);
    }

    public static Bytes keyOf(Ed25519KeyPair key) {
        return Bytes.of(key.publicKey().bytes());
    }

    public static Signed<CrawlLease> lease(Ed25519KeyPair coordinatorKey, String leaseId, Bytes nodeKey, String host,
            List<String> urls, long issuedAtMillis, long expiresAtMillis) {
        List<LeasedUrl> leased = urls.stream().map(u -> new LeasedUrl(u, 0)).toList();
        CrawlLease lease = new CrawlLease(leaseId, "job-1", nodeKey, host, leased, issuedAtMillis, expiresAtMillis, 50,
                nonce());
        return Signed.sign(lease, ORIGIN, coordinatorKey);
    }

    public static PageReceipt receipt(Bytes nodeKey, String leaseId, String url, long fetchedAtMillis, byte[] body) {
        return new PageReceipt(nodeKey, leaseId, url, url, 200, fetchedAtMillis, Bytes.sha256(body), body.length, nonce());
    }

    /** A page whose receipt names {@code node}'s key and is signed by {@code signer} for {@code origin}. */
    public static FetchedPage page(PageReceipt receipt, Ed25519KeyPair signer, String origin, byte[] body) {
        return new FetchedPage(Signed.sign(receipt, origin, signer), "text/html", List.of(), Bytes.of(body),
                SiteSignals.NONE);
    }

    public static FetchedPage page(Ed25519KeyPair node, String leaseId, String url, long fetchedAtMillis, byte[] body) {
        return page(receipt(keyOf(node), leaseId, url, fetchedAtMillis, body), node, ORIGIN, body);
    }

    public static Signed<LeaseRequest> leaseRequest(Ed25519KeyPair node, int maxUrls, long requestedAtMillis) {
        return Signed.sign(new LeaseRequest(keyOf(node), maxUrls, requestedAtMillis, nonce()), ORIGIN, node);
    }

    /** A clock the test moves by hand. */
    public static final class MutableClock extends Clock {
        private volatile long millis;

        public MutableClock(long millis) {
            this.millis = millis;
        }

        public void set(long millis) {
            this.millis = millis;
        }

        public void advance(long deltaMillis) {
            this.millis += deltaMillis;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
