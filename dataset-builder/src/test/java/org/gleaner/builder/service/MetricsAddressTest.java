package org.gleaner.builder.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code --metrics-listen}: loopback hosts only, checked without a name lookup. */
class MetricsAddressTest {
    @Test
    void acceptsLoopbackHosts() {
        assertThat(MetricsAddress.parse("127.0.0.1:9464").socketAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThat(MetricsAddress.parse("127.0.0.1:9464").socketAddress().getPort()).isEqualTo(9464);
        assertThat(MetricsAddress.parse("localhost:0").socketAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThat(MetricsAddress.parse("[::1]:9464").socketAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThat(MetricsAddress.parse("127.8.9.10:1").socketAddress().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void refusesOtherHostsWithAReason() {
        assertThatThrownBy(() -> MetricsAddress.parse("0.0.0.0:9464")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.0.0.0 is not a loopback address");
        assertThatThrownBy(() -> MetricsAddress.parse("10.1.2.3:9464")).hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> MetricsAddress.parse("[::]:9464")).hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> MetricsAddress.parse("metrics.example:9464")).hasMessageContaining("must be HOST:PORT");
    }

    @Test
    void refusesMalformedAddresses() {
        assertThatThrownBy(() -> MetricsAddress.parse("127.0.0.1")).hasMessageContaining("must be HOST:PORT");
        assertThatThrownBy(() -> MetricsAddress.parse("127.0.0.1:70000")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> MetricsAddress.parse("127.0.0.300:1")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> MetricsAddress.parse("127.0.0.1:" + "9".repeat(80))).hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> MetricsAddress.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricsAddress.parse("[abc.de]:1")).hasMessageContaining("not an IP address");
    }
}
