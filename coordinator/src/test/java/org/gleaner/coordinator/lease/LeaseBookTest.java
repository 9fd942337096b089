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
    void completingFreesTheNodeAndHostButKeepsTheLeaseKnownUntilReleased() {
        book.add(lease("l1", NODE_A, "a.example", "http://a.example/1"));
        assertThat(book.liveLeaseOf(NODE_B)).isEmpty();
        assertThat(book.liveLeaseOf(NODE_A)).contains("l1");
        book.settle("l1", LeaseState.COMPLETED, ISSUED + 10);
        book.settle("l1", LeaseState.COMPLETED, ISSUED + 20);

        assertThat(book.liveLeaseOf(NODE_A)).isEmpty();
        assertThat(book.hasLive()).isFalse();
        assertThat(book.busyHosts()).isEmpty();
        assertThat(book.completedCount()).isEqualTo(1);
        // Pages still in flight for a completed lease can be matched to it, and its URLs are still held.
        assertThat(book.find("l1")).isPresent();
        assertThat(book.covers("l1", "http://a.example/1")).isTrue();
        assertThat(book.hasUnreleased()).isTrue();
        assertThat(book.heldUrls()).containsExactly("http://a.example/1");

        book.add(lease("l2", NODE_B, "a.example", "http://a.example/2"));
        book.add(lease("l3", NODE_A, "b.example", "http://b.example/1"));
        assertThat(book.issuedCount()).isEqualTo(3);
    }

    @Test
    void aLeaseIdIsNeverReused() {
        book.add(lease("l1", NODE_A, "a.example", "http://a.example/1"));
        book.settle("l1", LeaseState.COMPLETED, ISSUED + 10);
        assertThatThrownBy(() -> book.add(lease("l1", NODE_B, "b.example", "http://b.example/1")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyLeasesPastTheirTimeAreDueToExpire() {
        book.add(lease("l1", NODE_A, "a.example", "http://a.example/1"));
        book.add(Fixtures.lease(COORDINATOR, "l2", NODE_B, "b.example", List.of("http://b.example/1"), ISSUED,
                EXPIRES + 10_000));
        assertThat(book.expiredAt(EXPIRES - 1)).isEmpty();
        assertThat(book.expiredAt(EXPIRES)).containsExactly("l1");
        book.settle("l1", LeaseState.EXPIRED, EXPIRES);
        assertThat(book.busyHosts()).containsExactly("b.example");
        assertThat(book.expiredCount()).isEqualTo(1);
        assertThat(book.expiredAt(EXPIRES + 1)).isEmpty();
    }

    @Test
    void releaseReturnsOnlyUndeliveredUrlsInLeaseOrderAndOnlyOnce() {
        book.add(Fixtures.lease(COORDINATOR, "l1", NODE_A, "a.example",
                List.of("http://a.example/1", "http://a.example/2", "http://a.example/3"), ISSUED, EXPIRES));
        book.delivered("l1", "http://a.example/2");
        book.delivered("unknown", "http://a.example/1");
        assertThat(book.release("l1")).as("a live lease cannot be released").isEmpty();

        book.settle("l1", LeaseState.EXPIRED, EXPIRES);
        assertThat(book.releasableBefore(EXPIRES)).as("settled at, not before").isEmpty();
        assertThat(book.releasableBefore(EXPIRES + 1)).containsExactly("l1");
        assertThat(book.release("l1")).contains(new LeaseBook.Returned("a.example",
                List.of(new LeasedUrl("http://a.example/1", 0), new LeasedUrl("http://a.example/3", 0))));
        assertThat(book.isReleased("l1")).isTrue();
        assertThat(book.release("l1")).isEmpty();
        assertThat(book.hasUnreleased()).isFalse();
        assertThat(book.heldUrls()).isEmpty();
    }

    @Test
    void releasedLeasesAreForgottenOnceNoPageForThemCanBeValid() {
        book.add(lease("l1", NODE_A, "a.example", "http://a.example/1"));
        book.add(lease("l2", NODE_B, "b.example", "http://b.example/1"));
        book.settle("l1", LeaseState.COMPLETED, ISSUED + 1);
        book.release("l1");
        assertThat(book.prune(EXPIRES + 1000, 1000)).isZero();
        assertThat(book.prune(EXPIRES + 1001, 1000)).isEqualTo(1);
        assertThat(book.find("l1")).isEmpty();
        assertThat(book.find("l2")).as("live leases stay").isPresent();
        assertThat(book.issuedCount()).isEqualTo(2);
    }
}
