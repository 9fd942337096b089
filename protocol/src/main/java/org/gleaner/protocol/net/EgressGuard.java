package org.gleaner.protocol.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a node from being turned against its operator's own network: refuses loopback, private, link-local
 * (169.254.169.254 included), CGNAT, multicast, unspecified and broadcast addresses and their IPv6
 * equivalents (ULA, link-local, IPv4-mapped and -compatible forms), unless an explicit allow rule (tests and
 * the devnet only) covers the address.
 */
public final class EgressGuard {
    private final List<Cidr> allowRules;

    public EgressGuard(List<Cidr> allowRules) {
        this.allowRules = List.copyOf(allowRules);
    }

    public static EgressGuard strict() {
        return new EgressGuard(List.of());
    }

    public List<Cidr> allowRules() {
        return allowRules;
    }

    /** Empty if the address may be fetched; otherwise the reason it may not. */
    public Optional<String> refusal(InetAddress address) {
        if (allowRules.stream().anyMatch(rule -> rule.contains(address))) {
            return Optional.empty();
        }
        return AddressClass.of(address).filter(c -> c != AddressClass.PUBLIC).map(AddressClass::description);
    }

    public enum AddressClass {
        PUBLIC("public"),
        LOOPBACK("loopback address"),
        PRIVATE("private address"),
        LINK_LOCAL("link-local address"),
        CGNAT("carrier-grade NAT address"),
        MULTICAST("multicast address"),
        UNSPECIFIED("unspecified address"),
        BROADCAST("broadcast address"),
        RESERVED("reserved address");

        private final String description;

        AddressClass(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        public static Optional<AddressClass> of(InetAddress address) {
            byte[] b = address.getAddress();
            if (address instanceof Inet6Address) {
                return Optional.of(classify6(b));
            }
            if (address instanceof Inet4Address) {
                return Optional.of(classify4(b));
            }
            return Optional.of(RESERVED);
        }

        private static AddressClass classify4(byte[] b) {
            int a0 = b[0] & 0xFF;
            int a1 = b[1] & 0xFF;
            int a2 = b[2] & 0xFF;
            if (a0 == 0) {
                return UNSPECIFIED;
            }
            if (a0 == 127) {
                return LOOPBACK;
            }
            if (a0 == 10 || a0 == 172 && a1 >= 16 && a1 <= 31 || a0 == 192 && a1 == 168) {
                return PRIVATE;
            }
            if (a0 == 169 && a1 == 254) {
                return LINK_LOCAL;
            }
            if (a0 == 100 && a1 >= 64 && a1 <= 127) {
                return CGNAT;
            }
            if (a0 >= 224 && a0 <= 239) {
                return MULTICAST;
            }
            if (a0 == 255 && a1 == 255 && a2 == 255 && (b[3] & 0xFF) == 255) {
                return BROADCAST;
            }
            if (a0 >= 240 || isReserved4(a0, a1, a2)) {
                return RESERVED;
            }
            return PUBLIC;
        }

        /**
         * IETF protocol assignments (192.0.0.0/24), the TEST-NETs (192.0.2.0/24, 198.51.100.0/24,
         * 203.0.113.0/24), the benchmarking range (198.18.0.0/15) and the deprecated 6to4 relay anycast
         * (192.88.99.0/24): none is a public web server.
         */
        private static boolean isReserved4(int a0, int a1, int a2) {
            return a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)
                    || a0 == 198 && (a1 == 18 || a1 == 19)
                    || a0 == 198 && a1 == 51 && a2 == 100
                    || a0 == 203 && a1 == 0 && a2 == 113
                    || a0 == 192 && a1 == 88 && a2 == 99;
        }

        private static AddressClass classify6(byte[] b) {
            boolean firstTenZero = true;
            for (int i = 0; i < 10; i++) {
                firstTenZero &= b[i] == 0;
            }
            if (firstTenZero && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
                return classify4(new byte[] {b[12], b[13], b[14], b[15]});
            }
            boolean firstTwelveZero = firstTenZero && b[10] == 0 && b[11] == 0;
            if (firstTwelveZero) {
                int last = b[15] & 0xFF;
                boolean zeroThird = b[12] == 0 && b[13] == 0 && b[14] == 0;
                if (zeroThird && last == 0) {
                    return UNSPECIFIED;
                }
                if (zeroThird && last == 1) {
                    return LOOPBACK;
                }
                return classify4(new byte[] {b[12], b[13], b[14], b[15]});
            }
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            if ((first & 0xFE) == 0xFC) {
                return PRIVATE;
            }
            if (first == 0xFE && (second & 0xC0) == 0x80) {
                return LINK_LOCAL;
            }
            if (first == 0xFE && (second & 0xC0) == 0xC0) {
                return PRIVATE;
            }
            if (first == 0xFF) {
                return MULTICAST;
            }
            if (first == 0x20 && second == 0x01 && b[2] == 0x0D && (b[3] & 0xFF) == 0xB8) {
                return RESERVED;
            }
            if (first == 0x20 && second == 0x02) {
                // 6to4 (2002::/16): the IPv4 address the relay forwards to sits in bytes 2..5.
                return classify4(new byte[] {b[2], b[3], b[4], b[5]});
            }
            if (first == 0x20 && second == 0x01 && b[2] == 0 && b[3] == 0) {
                return teredo(b);
            }
            if (first == 0x00 && second == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B) {
                return nat64(b);
            }
            if (first == 0x01 && second == 0x00 && allZero(b, 2, 8)) {
                return RESERVED; // 100::/64, discard-only
            }
            return PUBLIC;
        }

        /** Teredo (2001::/32) carries the server's IPv4 in bytes 4..7 and the client's, inverted, in 12..15. */
        private static AddressClass teredo(byte[] b) {
            AddressClass server = classify4(new byte[] {b[4], b[5], b[6], b[7]});
            if (server != PUBLIC) {
                return server;
            }
            return classify4(new byte[] {(byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]});
        }

        /**
         * The well-known NAT64 prefix 64:ff9b::/96 embeds an IPv4 address in its last four bytes; the
         * local-use prefix 64:ff9b:1::/48 (RFC 8215) is by definition inside someone's network. Anything
         * else under 64:ff9b::/32 is not assigned.
         */
        private static AddressClass nat64(byte[] b) {
            if (allZero(b, 4, 12)) {
                return classify4(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if (b[4] == 0 && b[5] == 1) {
                return PRIVATE;
            }
            return RESERVED;
        }

        private static boolean allZero(byte[] b, int from, int to) {
            for (int i = from; i < to; i++) {
                if (b[i] != 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
