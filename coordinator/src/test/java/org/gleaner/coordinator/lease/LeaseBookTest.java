package org.gleaner.coordinator.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeasedUrl;
import org.junit.jupiter.api.Test;

class LeaseBookTest {
    private static final Ed25519KeyPair COORDINATOR = Ed25519KeyPair.generate();
    private static final Bytes NODE_A = Fixtures.keyOf(Ed25519KeyPair.generate());
    private static final Bytes NODE_B = Fixtures.keyOf(Ed25519KeyPair.generate());
    private static final long ISSUED = 1_000_000;
    private static final long EXPIRES = 1_060_000;

    private final LeaseBook book = new LeaseBook();

    private static Signed<CrawlLease> lease(String id, Bytes node, String host, String... urls) {
        return Fixtures.lease(COORDINATOR, id, node, host, List.of(urls), ISSUED, EXPIRES);
    }

    @Test
    void anIssuedLeaseIsFoundAndCoversExactlyItsUrls() {
        Signed<CrawlLease> lease = lease("l1", NODE_A, "a.example", "http://a.example/1", "http://a.example/2");
        book.add(lease);
        assertThat(book.find("l1")).contains(lease.record());
        assertThat(book.find("nope")).isEmpty();
        assertThat(book.covers("l1", "http://a.example/2")).isTrue();
        assertThat(book.covers("l1", "http://a.example/3")).isFalse();
        assertThat(book.covers("nope", "http://a.example/1")).isFalse();
        assertThat(book.busyHosts()).containsExactly("a.example");
        assertThat(book.hasLive()).isTrue();
        assertThat(book.issuedCount()).isEqualTo(1);
    }

    @Test
    void aNodeHoldsOneLiveLeaseAtATime() {
        book.add(lease("l1", NODE_A, "a.example", "http://a.example/1"));
        assertThatThrownBy(() -> book.add(lease("l2", NODE_A, "b.example", "http://b.example/1")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(book.find("l2")).isEmpty();
        assertThat(book.busyHosts()).containsExactly("a.example");
    }

    @Test
    void aHostIsLeasedToOneNodeAtATime() {
        book.add(lease("l1", NODE_A, "a.example", "http://a.example/1"));
        assertThatThrownBy(() -> book.add(lease("l2", NODE_B, "a.example", "http://a.example/2")))
                .isInstanceOf(IllegalStateException.class);
        book.add(lease("l3", NODE_B, "b.example", "http://b.example/1"));
        assertThat(book.busyHosts()).containsExactlyInAnyOrder("a.example", "b.example");
    }

    @Test
    void completingFreesTheNodeAndHostButKeepsTheLeaseKnown() {
        book.add(lease("l1", NODE_A, "a.example", "http://a.example/1"));
        assertThat(book.completeLiveLeaseOf(NODE_B)).isFalse();
        assertThat(book.completeLiveLeaseOf(NODE_A)).isTrue();
        assertThat(book.completeLiveLeaseOf(NODE_A)).isFalse();

        assertThat(book.hasLive()).isFalse();
        assertThat(book.busyHosts()).isEmpty();
        assertThat(book.completedCount()).isEqualTo(1);
        // Pages still in flight for a completed lease can be matched to it.
        assertThat(book.find("l1")).isPresent();
        assertThat(book.covers("l1", "http://a.example/1")).isTrue();

        book.add(lease("l2", NODE_B, "a.example", "http://a.example/2"));
        book.add(lease("l3", NODE_A, "b.example", "http://b.example/1"));
        assertThat(book.issuedCount()).isEqualTo(3);
    }

    @Test
    void aLeaseIdIsNeverReused() {
        book.add(lease("l1", NODE_A, "a.example", "http://a.example/1"));
        book.completeLiveLeaseOf(NODE_A);
        assertThatThrownBy(() -> book.add(lease("l1", NODE_B, "b.example", "http://b.example/1")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void expiryReturnsOnlyUndeliveredUrlsInLeaseOrder() {
        book.add(Fixtures.lease(COORDINATOR, "l1", NODE_A, "a.example",
                List.of("http://a.example/1", "http://a.example/2", "http://a.example/3"), ISSUED, EXPIRES));
        book.delivered("l1", "http://a.example/2");
        book.delivered("unknown", "http://a.example/1");

        assertThat(book.expire(EXPIRES - 1)).isEmpty();
        assertThat(book.hasLive()).isTrue();

        List<LeaseBook.Expired> expired = book.expire(EXPIRES);
        assertThat(expired).containsExactly(new LeaseBook.Expired("a.example",
                List.of(new LeasedUrl("http://a.example/1", 0), new LeasedUrl("http://a.example/3", 0))));
        assertThat(book.hasLive()).isFalse();
        assertThat(book.busyHosts()).isEmpty();
        assertThat(book.expiredCount()).isEqualTo(1);
        assertThat(book.expire(EXPIRES + 1_000_000)).isEmpty();
        assertThat(book.completeLiveLeaseOf(NODE_A)).isFalse();
    }

    @Test
    void aFullyDeliveredLeaseExpiresWithNothingToGiveBack() {
        book.add(lease("l1", NODE_A, "a.example", "http://a.example/1"));
        book.delivered("l1", "http://a.example/1");
        assertThat(book.expire(EXPIRES)).containsExactly(new LeaseBook.Expired("a.example", List.of()));
    }

    @Test
    void completedLeasesDoNotExpireLater() {
        book.add(lease("l1", NODE_A, "a.example", "http://a.example/1"));
        book.completeLiveLeaseOf(NODE_A);
        assertThat(book.expire(EXPIRES + 1)).isEmpty();
        assertThat(book.expiredCount()).isZero();
    }

    @Test
    void expiryOnlyTouchesLeasesPastTheirTime() {
        book.add(lease("l1", NODE_A, "a.example", "http://a.example/1"));
        book.add(Fixtures.lease(COORDINATOR, "l2", NODE_B, "b.example", List.of("http://b.example/1"), ISSUED,
                EXPIRES + 10_000));
        assertThat(book.expire(EXPIRES)).extracting(LeaseBook.Expired::host).containsExactly("a.example");
        assertThat(book.busyHosts()).containsExactly("b.example");
        assertThat(book.hasLive()).isTrue();
    }
}
