package org.gleaner.coordinator.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.junit.jupiter.api.Test;

class CreditEventTest {
    @Test
    void creditsAndRefusalsRoundTrip() throws MalformedRecordException {
        CreditEvent credited = CreditEvent.credited("ab".repeat(32), "lease-1", "http://a.example/", 1234);
        CreditEvent refused = CreditEvent.refused(CreditEvent.UNVERIFIED, "lease-1", "http://a.example/", ReasonCode.BAD_SIGNATURE);
        assertThat(CreditEvent.decode(credited.encode())).isEqualTo(credited);
        assertThat(CreditEvent.decode(refused.encode())).isEqualTo(refused);
        assertThat(credited.verdict().credited()).isTrue();
        assertThat(refused.verdict().reason()).contains(ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void refusesUnknownReasonCodesAndTrailingBytes() {
        byte[] ok = CreditEvent.refused("n", "l", "u", ReasonCode.DUPLICATE).encode();
        byte[] unknown = ok.clone();
        // The reason code's last two characters sit before the empty content hash (4), sketch (4) and witness list (4).
        unknown[unknown.length - 14] = '9';
        assertThatThrownBy(() -> CreditEvent.decode(unknown)).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("G197");
        assertThatThrownBy(() -> CreditEvent.decode(Arrays.copyOf(ok, ok.length + 1))).isInstanceOf(MalformedRecordException.class);
        byte[] badKind = ok.clone();
        badKind[1] = 9;
        assertThatThrownBy(() -> CreditEvent.decode(badKind)).isInstanceOf(MalformedRecordException.class).hasMessageContaining("kind");
    }

    @Test
    void spotCheckEventsRoundTripWithTheirHashAndFingerprint() throws MalformedRecordException {
        CreditEvent chosen = CreditEvent.creditedForSpotCheck("n", "l", "http://a.example/", 10,
                org.gleaner.protocol.codec.Bytes.sha256(new byte[] {1}), org.gleaner.protocol.codec.Bytes.of(new byte[128]));
        assertThat(CreditEvent.decode(chosen.encode())).isEqualTo(chosen);
        CreditEvent failed = CreditEvent.spotCheckFailed("n", "l", "http://a.example/", 0, java.util.List.of("w1", "w2"));
        assertThat(CreditEvent.decode(failed.encode())).isEqualTo(failed);
        assertThat(failed.reason()).contains(ReasonCode.SPOT_CHECK_FAILED);
        assertThat(CreditEvent.spotCheckAgreed("n", "l", "u", java.util.List.of("w1")).reason()).isEmpty();
        CreditEvent arbitrated = CreditEvent.spotCheckArbitrated("arb", "l2", "http://a.example/", 10,
                org.gleaner.protocol.codec.Bytes.sha256(new byte[] {2}), org.gleaner.protocol.codec.Bytes.of(new byte[128]), "orig", "chk");
        assertThat(CreditEvent.decode(arbitrated.encode())).isEqualTo(arbitrated);
        assertThat(arbitrated.reason()).isEmpty();
        assertThat(arbitrated.credited()).as("an answer is not a second credit").isFalse();
    }

    @Test
    void eventsWrittenBeforeArbitrationStillDecodeWithoutWitnesses() throws MalformedRecordException {
        CreditEvent failed = CreditEvent.spotCheckFailed("n", "l", "http://a.example/", 0, java.util.List.of());
        byte[] current = failed.encode();
        byte[] version2 = Arrays.copyOf(current, current.length - 4);
        version2[0] = 2;
        assertThat(CreditEvent.decode(version2)).isEqualTo(failed);
    }

    @Test
    void aFailedSpotCheckTakesTheCreditBackOnceHoweverOftenItIsApplied() {
        CreditBook book = new CreditBook();
        book.apply(CreditEvent.credited("cheat", "lease-1", "http://a.example/", 100));
        CreditEvent failed = CreditEvent.spotCheckFailed("cheat", "lease-1", "http://a.example/", 100, java.util.List.of("b", "c"));
        assertThat(book.apply(failed)).isTrue();
        assertThat(book.apply(failed)).isFalse();
        assertThat(book.snapshot()).singleElement().satisfies(c -> {
            assertThat(c.pages()).isZero();
            assertThat(c.bytes()).isZero();
            assertThat(c.refusals()).containsEntry(ReasonCode.SPOT_CHECK_FAILED, 1L);
        });
        book.apply(CreditEvent.spotCheckUnjudged("other", "lease-2", "http://a.example/2", ReasonCode.SPOT_CHECK_NO_ARBITER,
                java.util.List.of("b")));
        assertThat(book.snapshot()).as("an unjudged check is nobody's penalty").hasSize(1);
    }

    @Test
    void theBookIsTheFoldOfItsEventsAndACreditCountsOnce() {
        CreditBook book = new CreditBook();
        CreditEvent credited = CreditEvent.credited("node", "lease-1", "http://a.example/", 100);
        assertThat(book.apply(credited)).isTrue();
        assertThat(book.apply(credited)).isFalse();
        book.apply(CreditEvent.refused("node", "lease-1", "http://a.example/x", ReasonCode.URL_NOT_LEASED));
        assertThat(book.totalPages()).isEqualTo(1);
        assertThat(book.urlCredited("http://a.example/")).isTrue();
        assertThat(book.snapshot()).singleElement().satisfies(c -> {
            assertThat(c.bytes()).isEqualTo(100);
            assertThat(c.refusals()).containsEntry(ReasonCode.URL_NOT_LEASED, 1L);
        });
    }
}
