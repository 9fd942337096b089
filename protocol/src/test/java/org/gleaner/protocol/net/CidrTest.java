package org.gleaner.protocol.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void byteAlignedIpv4Prefix() throws Exception {
        Cidr ten = Cidr.parse("10.0.0.0/8");
        assertThat(ten.contains(ip("10.0.0.0"))).isTrue();
        assertThat(ten.contains(ip("10.255.255.255"))).isTrue();
        assertThat(ten.contains(ip("11.0.0.0"))).isFalse();
        assertThat(ten.contains(ip("9.255.255.255"))).isFalse();
    }

    @Test
    void prefixNotOnAByteBoundary() throws Exception {
        Cidr range = Cidr.parse("172.16.0.0/12");
        assertThat(range.contains(ip("172.16.0.0"))).isTrue();
        assertThat(range.contains(ip("172.31.255.255"))).isTrue();
        assertThat(range.contains(ip("172.15.255.255"))).isFalse();
        assertThat(range.contains(ip("172.32.0.0"))).isFalse();

        Cidr cgnat = Cidr.parse("100.64.0.0/10");
        assertThat(cgnat.contains(ip("100.127.255.255"))).isTrue();
        assertThat(cgnat.contains(ip("100.128.0.0"))).isFalse();
        assertThat(cgnat.contains(ip("100.63.255.255"))).isFalse();
    }

    @Test
    void singleAddressAndEverything() throws Exception {
        Cidr one = Cidr.parse("127.0.0.1/32");
        assertThat(one.contains(ip("127.0.0.1"))).isTrue();
        assertThat(one.contains(ip("127.0.0.2"))).isFalse();
        assertThat(one.contains(ip("127.0.0.0"))).isFalse();

        Cidr all = Cidr.parse("0.0.0.0/0");
        assertThat(all.contains(ip("1.2.3.4"))).isTrue();
        assertThat(all.contains(ip("255.255.255.255"))).isTrue();
    }

    @Test
    void hostBitsInTheNetworkAreIgnored() throws Exception {
        Cidr range = Cidr.parse("10.1.2.3/8");
        assertThat(range.contains(ip("10.200.0.1"))).isTrue();
        assertThat(range.contains(ip("11.1.2.3"))).isFalse();
    }

    @Test
    void ipv6Ranges() throws Exception {
        Cidr linkLocal = Cidr.parse("fe80::/10");
        assertThat(linkLocal.contains(ip("fe80::1"))).isTrue();
        assertThat(linkLocal.contains(ip("febf:ffff::1"))).isTrue();
        assertThat(linkLocal.contains(ip("fec0::1"))).isFalse();

        Cidr loopback = Cidr.parse("::1/128");
        assertThat(loopback.contains(ip("::1"))).isTrue();
        assertThat(loopback.contains(ip("::2"))).isFalse();
    }

    @Test
    void familiesNeverMatchEachOther() throws Exception {
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("::1"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(ip("127.0.0.1"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(ip("2606:4700::1"))).isTrue();
    }

    @Test
    void printsAsAddressSlashPrefix() {
        assertThat(Cidr.parse("127.0.0.1/32")).hasToString("127.0.0.1/32");
        assertThat(Cidr.parse(" 10.0.0.0/8 ")).hasToString("10.0.0.0/8");
        assertThat(Cidr.parse("127.0.0.1/32")).isEqualTo(Cidr.parse("127.0.0.1/32"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "10.0.0.0",
            "10.0.0.0/",
            "10.0.0.0/33",
            "10.0.0.0/-1",
            "10.0.0.0/abc",
            "::/129",
            "/8",
            "localhost/32",
            "example.com/32",
            "cafe/16",
            "10/8",
            "10.0.0/24",
            "999.0.0.0/8",
            ""})
    void refusesAnythingButAnAddressLiteralAndAPrefix(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
