package org.gleaner.builder.service;

import java.net.InetAddress;
import org.gleaner.protocol.net.IpLiteral;

/**
 * Whether an HTTP {@code Host} header names this machine: {@code localhost} or a loopback IP literal, with or
 * without a port. Any other name is refused without a lookup, which is what defeats DNS rebinding.
 */
final class LoopbackHost {
    private static final int MAX_LENGTH = 64;

    private LoopbackHost() {
    }

    static boolean named(String header) {
        if (header == null || header.isEmpty() || header.length() > MAX_LENGTH) {
            return false;
        }
        String host = withoutPort(header.trim());
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        return IpLiteral.parse(host).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    private static String withoutPort(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            if (close < 0 || (close + 1 < hostAndPort.length() && !isPort(hostAndPort.substring(close + 1)))) {
                return null;
            }
            return hostAndPort.substring(1, close);
        }
        int colon = hostAndPort.indexOf(':');
        if (colon < 0) {
            return hostAndPort;
        }
        return isPort(hostAndPort.substring(colon)) ? hostAndPort.substring(0, colon) : null;
    }

    private static boolean isPort(String colonAndDigits) {
        return colonAndDigits.length() >= 2 && colonAndDigits.length() <= 6 && colonAndDigits.charAt(0) == ':'
                && colonAndDigits.substring(1).chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
