package org.gleaner.protocol.net;

import java.net.InetAddress;

/** An address range such as {@code 127.0.0.1/32}, used for explicit egress allow rules. */
public record Cidr(InetAddress network, int prefixLength) {
    public Cidr {
        int max = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length must be 0.." + max);
        }
    }

    public static Cidr parse(String text) {
        String[] parts = text.trim().split("/", 2);
        // Only literals: an IPv4 dotted quad or an IPv6 address (with a colon), never a name to look up in DNS.
        if (parts.length != 2 || !parts[1].matches("\\d{1,3}")) {
            throw new IllegalArgumentException("not a CIDR range (address/prefix): " + text);
        }
        InetAddress network = IpLiteral.parse(parts[0])
                .orElseThrow(() -> new IllegalArgumentException("not a CIDR range (address/prefix): " + text));
        return new Cidr(network, Integer.parseInt(parts[1]));
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int bits = prefixLength;
        for (int i = 0; i < n.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if ((a[i] & mask) != (n[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
