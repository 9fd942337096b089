package org.gleaner.coordinator.spotcheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetworkGroupTest {
    @Test
    void ipv4AddressesGroupBySlash24AndIpv6BySlash64() {
        assertThat(NetworkGroup.of("198.51.100.7")).isEqualTo(NetworkGroup.of("198.51.100.250")).contains("v4:198.51.100.0/24");
        assertThat(NetworkGroup.of("198.51.101.7")).isNotEqualTo(NetworkGroup.of("198.51.100.7"));
        assertThat(NetworkGroup.of("2001:db8:1:2::1")).isEqualTo(NetworkGroup.of("2001:db8:1:2:ffff::9"))
                .contains("v6:2001:0db8:0001:0002::/64");
        assertThat(NetworkGroup.of("2001:db8:1:3::1")).isNotEqualTo(NetworkGroup.of("2001:db8:1:2::1"));
    }

    @Test
    void loopbackNamesAndGarbageFormNoGroupAndAreNeverResolved() {
        assertThat(NetworkGroup.of("127.0.0.1")).isEmpty();
        assertThat(NetworkGroup.of("::1")).isEmpty();
        assertThat(NetworkGroup.of("example.org")).isEmpty();
        assertThat(NetworkGroup.of("")).isEmpty();
        assertThat(NetworkGroup.of(null)).isEmpty();
        assertThat(NetworkGroup.of("999.1.1.1")).isEmpty();
        // hex letters and dots: a name, not an address (a looser check once handed such names to the resolver)
        assertThat(NetworkGroup.of("abc.de")).isEmpty();
        assertThat(NetworkGroup.of("cafe.be.ef")).isEmpty();
    }
}
