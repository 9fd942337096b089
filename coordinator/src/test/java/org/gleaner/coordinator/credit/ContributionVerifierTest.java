package org.gleaner.coordinator.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.coordinator.lease.LeaseBook;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.protocol.page.PageReceipt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContributionVerifierTest {
    private static final Ed25519KeyPair COORDINATOR = Ed25519KeyPair.generate();
    private static final Ed25519KeyPair NODE = Ed25519KeyPair.generate();
    private static final Ed25519KeyPair OTHER_NODE = Ed25519KeyPair.generate();
    private static final String U1 = "http://a.example/1";
    private static final String U2 = "http://a.example/2";
    private static final long ISSUED = 10_000_000;
    private static final long EXPIRES = 10_060_000;
    private static final long FETCHED = 10_010_000;
    private static final byte[] BODY = "<html>hello</html>".getBytes(StandardCharsets.UTF_8);

    private final LeaseBook leases = new LeaseBook();
    private final CreditBook credits = new CreditBook();
    private final ContributionVerifier verifier = new ContributionVerifier(Fixtures.ORIGIN, leases, credits);

    @BeforeEach
    void leaseToNode() {
        leases.add(Fixtures.lease(COORDINATOR, "lease-1", Fixtures.keyOf(NODE), "a.example", List.of(U1, U2), ISSUED,
                EXPIRES));
    }

    @Test
    void creditsAPageTheNodeWasLeasedAndSigned() {
        ContributionVerdict verdict = verifier.verify(Fixtures.page(NODE, "lease-1", U2, FETCHED, BODY));
        assertThat(verdict).isEqualTo(ContributionVerdict.CREDITED);
        assertThat(verdict.credited()).isTrue();
        assertThat(verdict.reason()).isEmpty();
    }

    @Test
    void badSignatureWhenSignedByAnotherKey() {
        PageReceipt receipt = Fixtures.receipt(Fixtures.keyOf(NODE), "lease-1", U1, FETCHED, BODY);
        assertRefused(Fixtures.page(receipt, OTHER_NODE, Fixtures.ORIGIN, BODY), ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void badSignatureWhenSignedForAnotherOrigin() {
        PageReceipt receipt = Fixtures.receipt(Fixtures.keyOf(NODE), "lease-1", U1, FETCHED, BODY);
        assertRefused(Fixtures.page(receipt, NODE, "another-network", BODY), ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void badSignatureWhenTheNamedKeyIsNotAValidPublicKey() {
        // 32 zero bytes encode a small-order point, which strict verification refuses as a key.
        PageReceipt receipt = Fixtures.receipt(Bytes.of(new byte[32]), "lease-1", U1, FETCHED, BODY);
        assertRefused(Fixtures.page(receipt, NODE, Fixtures.ORIGIN, BODY), ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void noLeaseForAnUnknownLeaseId() {
        assertRefused(Fixtures.page(NODE, "lease-404", U1, FETCHED, BODY), ReasonCode.NO_LEASE);
    }

    @Test
    void leaseOfOtherNodeWhenAnotherNodeClaimsTheLease() {
        assertRefused(Fixtures.page(OTHER_NODE, "lease-1", U1, FETCHED, BODY), ReasonCode.LEASE_OF_OTHER_NODE);
    }

    @Test
    void urlNotLeasedForAUrlOutsideTheLease() {
        assertRefused(Fixtures.page(NODE, "lease-1", "http://a.example/3", FETCHED, BODY), ReasonCode.URL_NOT_LEASED);
        assertRefused(Fixtures.page(NODE, "lease-1", "http://a.example/1#frag", FETCHED, BODY),
                ReasonCode.URL_NOT_LEASED);
    }

    @Test
    void outsideLeaseWindowBeyondTheClockSkewAllowance() {
        assertRefused(Fixtures.page(NODE, "lease-1", U1, EXPIRES + 30_001, BODY), ReasonCode.OUTSIDE_LEASE_WINDOW);
        assertRefused(Fixtures.page(NODE, "lease-1", U1, ISSUED - 30_001, BODY), ReasonCode.OUTSIDE_LEASE_WINDOW);
    }

    @Test
    void fetchTimesWithinTheSkewAllowanceAreAccepted() {
        assertThat(verifier.verify(Fixtures.page(NODE, "lease-1", U1, EXPIRES + 30_000, BODY)).credited()).isTrue();
        assertThat(verifier.verify(Fixtures.page(NODE, "lease-1", U2, ISSUED - 30_000, BODY)).credited()).isTrue();
    }

    @Test
    void hashMismatchWhenTheBodyIsNotTheOneTheReceiptSigned() {
        PageReceipt receipt = Fixtures.receipt(Fixtures.keyOf(NODE), "lease-1", U1, FETCHED, BODY);
        byte[] tampered = BODY.clone();
        tampered[6] ^= 0x20;
        assertThat(tampered).hasSameSizeAs(BODY).isNotEqualTo(BODY);
        assertRefused(Fixtures.page(receipt, NODE, Fixtures.ORIGIN, tampered), ReasonCode.HASH_MISMATCH);
    }

    @Test
    void duplicateWhenTheUrlWasAlreadyCreditedUnderThisLease() {
        FetchedPage page = Fixtures.page(NODE, "lease-1", U1, FETCHED, BODY);
        assertThat(verifier.verify(page).credited()).isTrue();
        credits.credit(Fixtures.keyOf(NODE).hex(), "lease-1", U1, BODY.length);
        assertRefused(page, ReasonCode.DUPLICATE);
        // A fresh receipt for the same URL (new nonce, new time) is still a duplicate.
        assertRefused(Fixtures.page(NODE, "lease-1", U1, FETCHED + 1, BODY), ReasonCode.DUPLICATE);
        assertThat(verifier.verify(Fixtures.page(NODE, "lease-1", U2, FETCHED, BODY)).credited()).isTrue();
    }

    @Test
    void theSignatureIsCheckedBeforeAnythingElse() {
        PageReceipt receipt = Fixtures.receipt(Fixtures.keyOf(NODE), "lease-404", "http://evil.example/", 0, BODY);
        assertRefused(Fixtures.page(receipt, OTHER_NODE, Fixtures.ORIGIN, BODY), ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void reasonCodesAreStableAndDistinct() {
        assertThat(ReasonCode.values()).extracting(ReasonCode::code).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("G\\d{3}"));
        assertThat(ReasonCode.HASH_MISMATCH.code()).isEqualTo("G106");
    }

    private void assertRefused(FetchedPage page, ReasonCode expected) {
        ContributionVerdict verdict = verifier.verify(page);
        assertThat(verdict.credited()).isFalse();
        assertThat(verdict.reason()).contains(expected);
    }
}
