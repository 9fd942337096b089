package org.gleaner.coordinator.spotcheck;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import org.gleaner.protocol.net.IpLiteral;

/**
 * The network a node's address belongs to for the independence of spot checks: its IPv4 /24 or its IPv6 /64. Two
 * nodes in one group may be one operator's, so neither checks or arbitrates the other. Loopback addresses form no
 * group: a node on loopback runs on the coordinator's own machine (the devnet, tests), which only its operator
 * controls. An address that is not an IP literal forms no group either; it is never resolved.
 */
public final class NetworkGroup {
    private NetworkGroup() {
    }

    public static Optional<String> of(String address) {
        Optional<InetAddress> literal = IpLiteral.parse(address);
        if (literal.isEmpty()) {
            return Optional.empty();
        }
        InetAddress parsed = literal.get();
        if (parsed.isLoopbackAddress()) {
            return Optional.empty();
        }
        byte[] raw = parsed.getAddress();
        if (parsed instanceof Inet4Address) {
            return Optional.of(String.format("v4:%d.%d.%d.0/24", raw[0] & 0xff, raw[1] & 0xff, raw[2] & 0xff));
        }
        if (parsed instanceof Inet6Address) {
            StringBuilder prefix = new StringBuilder("v6:");
            for (int i = 0; i < 8; i += 2) {
                prefix.append(String.format("%02x%02x", raw[i] & 0xff, raw[i + 1] & 0xff)).append(i < 6 ? ":" : "::/64");
            }
            return Optional.of(prefix.toString());
        }
        return Optional.empty();
    }
}
