package org.gleaner.node.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShareRateTest {
    @Test
    void parsesTheUnitsOperatorsWrite() {
        assertThat(ShareRate.parse("2MB/s")).isEqualTo(2_000_000);
        assertThat(ShareRate.parse("500KB/s")).isEqualTo(500_000);
        assertThat(ShareRate.parse("1.5MiB/s")).isEqualTo(1_572_864);
        assertThat(ShareRate.parse("10Mbit/s")).isEqualTo(1_250_000);
        assertThat(ShareRate.parse(" 64 kib/s ")).isEqualTo(65_536);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2MB", "fast", "-1MB/s", "1KB/s", "100GB/s", "2 MB per second", "1e9B/s"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> ShareRate.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
