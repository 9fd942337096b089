package org.gleaner.protocol.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.FieldLimitException;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.ledger.EntryType;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeaseRequest;
import org.gleaner.protocol.lease.LeasedUrl;
import org.junit.jupiter.api.Test;

class PageRecordsTest {
    private final Ed25519KeyPair node = Ed25519KeyPair.generate();

    @Test
    void pageRoundTripsAndEncodesDeterministically() throws Exception {
        FetchedPage page = Fixtures.page(node);
        byte[] encoded = page.encode().toArray();
        FetchedPage decoded = FetchedPage.decode(encoded);
        assertThat(decoded).isEqualTo(page);
        assertThat(decoded.encode().toArray()).isEqualTo(encoded);
        assertThat(decoded.bodyMatchesReceipt()).isTrue();
        assertThat(decoded.receipt().verifies(Fixtures.ORIGIN, node.publicKey())).isTrue();
    }

    @Test
    void everyTruncationIsATypedError() {
        byte[] encoded = Fixtures.page(node).encode().toArray();
        for (int length = 0; length < encoded.length; length++) {
            byte[] prefix = Arrays.copyOf(encoded, length);
            assertThatThrownBy(() -> FetchedPage.decode(prefix)).isInstanceOf(MalformedRecordException.class);
        }
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] encoded = Fixtures.page(node).encode().toArray();
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
        assertThatThrownBy(() -> FetchedPage.decode(longer)).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void randomCorruptionNeverEscapesAsAnUncheckedError() {
        byte[] encoded = Fixtures.page(node).encode().toArray();
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = encoded.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                FetchedPage decoded = FetchedPage.decode(mutated);
                // A mutation may still decode (e.g. inside the body); then the receipt or hash must catch it.
                if (!Arrays.equals(mutated, encoded)) {
                    boolean intact = decoded.bodyMatchesReceipt()
                            && decoded.receipt().verifies(Fixtures.ORIGIN, node.publicKey())
                            && decoded.signals().equals(Fixtures.page(node).signals())
                            && decoded.headers().equals(Fixtures.page(node).headers())
                            && decoded.contentType().equals(Fixtures.page(node).contentType());
                    assertThat(intact).as("mutation %d decoded as an intact page", i).isFalse();
                }
            } catch (MalformedRecordException expected) {
                // fine: typed rejection
            }
        }
    }

    @Test
    void wrongVersionIsRejected() {
        byte[] encoded = Fixtures.page(node).encode().toArray();
        encoded[0] = 9;
        assertThatThrownBy(() -> FetchedPage.decode(encoded)).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("unsupported version 9");
    }

    @Test
    void oversizedInputIsRejectedUpFront() {
        byte[] huge = new byte[FetchedPage.MAX_ENCODED + 1];
        assertThatThrownBy(() -> FetchedPage.decode(huge)).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void oversizedFieldsCannotBeBuilt() {
        String longUrl = "http://example.test/" + "a".repeat(5000);
        assertThatThrownBy(() -> new PageReceipt(Bytes.of(node.publicKey().bytes()), "l", longUrl, longUrl, 200, 0,
                Bytes.sha256(new byte[0]), 0, Fixtures.nonce(1)))
                .isInstanceOf(FieldLimitException.class).hasMessageContaining("url");
    }

    @Test
    void bodyLengthMustMatchTheReceipt() {
        FetchedPage page = Fixtures.page(node);
        assertThatThrownBy(() -> new FetchedPage(page.receipt(), page.contentType(), page.headers(),
                Bytes.of(new byte[3]), page.signals())).isInstanceOf(FieldLimitException.class);
    }

    @Test
    void receiptSignatureIsBoundToOriginTypeAndContent() {
        FetchedPage page = Fixtures.page(node);
        Signed<PageReceipt> receipt = page.receipt();
        assertThat(receipt.verifies("another.network", node.publicKey())).isFalse();
        assertThat(receipt.verifies(Fixtures.ORIGIN, Ed25519KeyPair.generate().publicKey())).isFalse();

        PageReceipt r = receipt.record();
        PageReceipt altered = new PageReceipt(r.nodeKey(), r.leaseId(), r.url(), r.finalUrl(), 404,
                r.fetchedAtMillis(), r.bodySha256(), r.bodyBytes(), r.nonce());
        assertThat(new Signed<>(altered, receipt.signature()).verifies(Fixtures.ORIGIN, node.publicKey())).isFalse();
    }

    @Test
    void aLeaseSignatureDoesNotVerifyAsALedgerEntry() throws Exception {
        Ed25519KeyPair coordinator = Ed25519KeyPair.generate();
        CrawlLease lease = new CrawlLease("lease-7", "job-1", Bytes.of(node.publicKey().bytes()), "example.test",
                List.of(new LeasedUrl("http://example.test/", 0)), 1000, 61_000, 500, Fixtures.nonce(2));
        Signed<CrawlLease> signed = Signed.sign(lease, Fixtures.ORIGIN, coordinator);
        Signed<CrawlLease> decoded = Signed.decode(signed.encode().toArray(), CrawlLease.MAX_ENCODED, "lease", CrawlLease::read);
        assertThat(decoded).isEqualTo(signed);
        assertThat(decoded.verifies(Fixtures.ORIGIN, coordinator.publicKey())).isTrue();

        LedgerEntry entry = new LedgerEntry(EntryType.GRANT, Bytes.of(coordinator.publicKey().bytes()), 5,
                Fixtures.nonce(3), lease.encode());
        assertThat(new Signed<>(entry, signed.signature()).verifies(Fixtures.ORIGIN, coordinator.publicKey())).isFalse();
    }

    @Test
    void otherRecordsRoundTrip() throws Exception {
        Bytes key = Bytes.of(node.publicKey().bytes());
        LeaseRequest request = new LeaseRequest(key, 50, 123, Fixtures.nonce(4));
        assertThat(LeaseRequest.decode(request.encode().toArray())).isEqualTo(request);
        LinkBatch links = new LinkBatch(key, "lease-1", "job-1", "http://example.test/", 1,
                List.of("http://example.test/a", "http://example.test/b"));
        assertThat(LinkBatch.decode(links.encode().toArray())).isEqualTo(links);
        for (EntryType type : EntryType.values()) {
            LedgerEntry entry = new LedgerEntry(type, key, 99, Fixtures.nonce(5), Bytes.of(new byte[] {1, 2}));
            assertThat(LedgerEntry.decode(entry.encode().toArray())).isEqualTo(entry);
        }
    }

    @Test
    void unknownLedgerEntryTypeIsRejected() {
        LedgerEntry entry = new LedgerEntry(EntryType.GRANT, Bytes.of(node.publicKey().bytes()), 99,
                Fixtures.nonce(5), Bytes.EMPTY);
        byte[] encoded = entry.encode().toArray();
        encoded[1] = 77;
        assertThatThrownBy(() -> LedgerEntry.decode(encoded)).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("unknown ledger entry type");
    }

    @Test
    void publicKeyRoundTripsThroughTheReceipt() throws Exception {
        FetchedPage page = Fixtures.page(node);
        Ed25519PublicKey key = Ed25519PublicKey.fromBytes(page.receipt().record().nodeKey().toArray());
        assertThat(key).isEqualTo(node.publicKey());
    }
}
