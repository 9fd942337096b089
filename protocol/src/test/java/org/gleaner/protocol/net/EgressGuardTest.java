package org.gleaner.protocol.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.gleaner.protocol.net.EgressGuard.AddressClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EgressGuardTest {
    private final EgressGuard strict = EgressGuard.strict();

    /** Address literals only: InetAddress.getByName does no DNS lookup for them. */
    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "127.0.0.1, LOOPBACK",
            "127.255.255.254, LOOPBACK",
            "10.0.0.0, PRIVATE",
            "10.255.255.255, PRIVATE",
            "172.16.0.0, PRIVATE",
            "172.31.255.255, PRIVATE",
            "192.168.0.1, PRIVATE",
            "192.168.255.255, PRIVATE",
            "169.254.169.254, LINK_LOCAL",
            "169.254.0.1, LINK_LOCAL",
            "100.64.0.0, CGNAT",
            "100.127.255.255, CGNAT",
            "224.0.0.1, MULTICAST",
            "239.255.255.255, MULTICAST",
            "0.0.0.0, UNSPECIFIED",
            "0.1.2.3, UNSPECIFIED",
            "255.255.255.255, BROADCAST",
            "240.0.0.1, RESERVED",
            "198.18.0.1, RESERVED",
            "::1, LOOPBACK",
            "::, UNSPECIFIED",
            "fc00::1, PRIVATE",
            "fdff:ffff::1, PRIVATE",
            "fe80::1, LINK_LOCAL",
            "febf:ffff::1, LINK_LOCAL",
            "fec0::1, PRIVATE",
            "ff02::1, MULTICAST",
            "ff00::, MULTICAST",
            "2001:db8::1, RESERVED",
            "::ffff:127.0.0.1, LOOPBACK",
            "::ffff:10.0.0.1, PRIVATE",
            "::ffff:169.254.169.254, LINK_LOCAL",
            "::127.0.0.1, LOOPBACK",
            "::10.0.0.1, PRIVATE",
            "64:ff9b::a00:1, PRIVATE",
            "64:ff9b::7f00:1, LOOPBACK",
            "64:ff9b::a9fe:a9fe, LINK_LOCAL",
            "64:ff9b:1::5db8:d822, PRIVATE",
            "64:ff9b:1:ffff::1, PRIVATE",
            "64:ff9b:0:1::5db8:d822, RESERVED",
            "192.0.2.1, RESERVED",
            "198.51.100.7, RESERVED",
            "203.0.113.9, RESERVED",
            "192.88.99.1, RESERVED",
            "2002:7f00:1::1, LOOPBACK",
            "2002:a9fe:a9fe::1, LINK_LOCAL",
            "2002:c0a8:101::1, PRIVATE",
            "2001:0:4136:e378:8000:63bf:80ff:fffe, LOOPBACK",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2, RESERVED",
            "2001:0:a9fe:a9fe::1, LINK_LOCAL",
            "100::1, RESERVED"})
    void refusesNonPublicAddresses(String literal, AddressClass expected) throws Exception {
        InetAddress address = ip(literal);
        assertThat(AddressClass.of(address)).contains(expected);
        assertThat(strict.refusal(address)).contains(expected.description());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "93.184.216.34",
            "8.8.8.8",
            "172.15.255.255",
            "172.32.0.0",
            "192.167.255.255",
            "192.169.0.0",
            "100.63.255.255",
            "100.128.0.0",
            "169.253.255.255",
            "223.255.255.255",
            "11.0.0.0",
            "9.255.255.255",
            "2606:4700::1",
            "2a00:1450:4001:81b::200e",
            "::ffff:93.184.216.34",
            "64:ff9b::5db8:d822",
            "192.0.3.1",
            "203.0.114.1",
            "198.51.101.1",
            "2002:5db8:d822::1",
            "2001:0:4136:e378:8000:63bf:a247:27dd"})
    void allowsPublicAddresses(String literal) throws Exception {
        InetAddress address = ip(literal);
        assertThat(AddressClass.of(address)).contains(AddressClass.PUBLIC);
        assertThat(strict.refusal(address)).isEmpty();
    }

    @Test
    void classifiesIpv4MappedAddressesEvenWhenKeptInTheirIpv6Form() throws Exception {
        // InetAddress.getByName turns ::ffff:a.b.c.d into an Inet4Address; a resolver may hand back the IPv6 form.
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        mapped[12] = 127;
        mapped[15] = 1;
        InetAddress v6 = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(v6).isInstanceOf(Inet6Address.class);
        assertThat(AddressClass.of(v6)).contains(AddressClass.LOOPBACK);
        mapped[12] = 10;
        assertThat(AddressClass.of(Inet6Address.getByAddress(null, mapped, -1))).contains(AddressClass.PRIVATE);
    }

    @Test
    void anAllowRuleLetsExactlyItsRangeThrough() throws Exception {
        EgressGuard guard = new EgressGuard(List.of(Cidr.parse("127.0.0.1/32")));
        assertThat(guard.refusal(ip("127.0.0.1"))).isEmpty();
        assertThat(guard.refusal(ip("127.0.0.2"))).contains(AddressClass.LOOPBACK.description());
        assertThat(guard.refusal(ip("10.0.0.1"))).contains(AddressClass.PRIVATE.description());
        assertThat(guard.refusal(ip("::1"))).contains(AddressClass.LOOPBACK.description());
        assertThat(guard.refusal(ip("93.184.216.34"))).isEmpty();
        assertThat(guard.allowRules()).containsExactly(Cidr.parse("127.0.0.1/32"));
    }

    @Test
    void theStrictGuardHasNoAllowRules() {
        assertThat(strict.allowRules()).isEmpty();
    }
}
