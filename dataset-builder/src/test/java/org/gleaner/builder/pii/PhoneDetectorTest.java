package org.gleaner.builder.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhoneDetectorTest {
    private List<String> found(String region, String text) {
        return new PhoneDetector(region).find(text).stream().map(PiiSpan::normalized).toList();
    }

    @Test
    void findsValidNumbersAndNormalizesToE164() {
        assertThat(found("US", "Call (202) 555-0143 or +44 20 7946 0958 today."))
                .containsExactly("+12025550143", "+442079460958");
    }

    @Test
    void readsNationalNumbersInTheDefaultRegion() {
        assertThat(found("DE", "Telefon 030 12345678")).containsExactly("+493012345678");
        assertThat(found("GB", "Ring 020 7946 0958")).containsExactly("+442079460958");
    }

    @Test
    void ignoresInvalidNumbersAndOtherDigitRuns() {
        assertThat(found("US", "Order 12345678901234567890, version 1.2.3, year 2024")).isEmpty();
        assertThat(found("US", "Released 2024-01-02.")).isEmpty();
        // 011 is not a valid US area code; +1 000 ... is not valid anywhere.
        assertThat(found("US", "Dial (011) 555-0143 or +1 000 000 0000.")).isEmpty();
    }

    @Test
    void spanCoversTheNumberAsWritten() {
        String text = "Phone: +1 202 555 0143.";
        PiiSpan span = new PhoneDetector("US").find(text).get(0);
        assertThat(text.substring(span.start(), span.end())).isEqualTo("+1 202 555 0143");
    }

    @Test
    void rejectsUnknownRegion() {
        assertThatThrownBy(() -> new PhoneDetector("XX")).isInstanceOf(IllegalArgumentException.class);
    }
}
