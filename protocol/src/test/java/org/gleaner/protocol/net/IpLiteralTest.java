package org.gleaner.protocol.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpLiteralTest {
    @Test
    void readsIpv4AndIpv6Literals() {
        assertThat(IpLiteral.parse("198.51.100.7")).hasValueSatisfying(a -> assertThat(a.getHostAddress()).isEqualTo("198.51.100.7"));
        assertThat(IpLiteral.parse("2001:db8::1")).hasValueSatisfying(a -> assertThat(a.getAddress()).hasSize(16));
        assertThat(IpLiteral.parse("::ffff:192.0.2.1")).isPresent();
    }

    @Test
    void refusesNamesInsteadOfLookingThemUp() {
        // Hex letters and dots only: a name that a looser check would have handed to the resolver.
        assertThat(IpLiteral.parse("abc.de")).isEmpty();
        assertThat(IpLiteral.parse("localhost")).isEmpty();
        assertThat(IpLiteral.parse("example.test")).isEmpty();
    }

    @Test
    void refusesMalformedLiterals() {
        assertThat(IpLiteral.parse("256.1.1.1")).isEmpty();
        assertThat(IpLiteral.parse("1.2.3")).isEmpty();
        assertThat(IpLiteral.parse("1:2:3:4:5:6:7:8:9")).isEmpty();
        assertThat(IpLiteral.parse("")).isEmpty();
        assertThat(IpLiteral.parse(null)).isEmpty();
        assertThat(IpLiteral.parse("1".repeat(46))).isEmpty();
    }
}
