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
        unknown[unknown.length - 1] = '9';
        assertThatThrownBy(() -> CreditEvent.decode(unknown)).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("G109");
        assertThatThrownBy(() -> CreditEvent.decode(Arrays.copyOf(ok, ok.length + 1))).isInstanceOf(MalformedRecordException.class);
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
