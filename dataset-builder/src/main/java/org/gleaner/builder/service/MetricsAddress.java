package org.gleaner.builder.service;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gleaner.protocol.net.IpLiteral;

/**
 * Where the metrics endpoint listens: {@code HOST:PORT} with a loopback host ({@code 127.0.0.1} or another
 * {@code 127.x} address, {@code [::1]}, {@code localhost}). Other hosts are refused: the endpoint has no token,
 * like the coordinator's {@code /actuator/prometheus}, so it is served to this machine only (a scraper elsewhere
 * goes through a tunnel or a local agent). Host names other than {@code localhost} are refused without a lookup.
 */
public record MetricsAddress(InetSocketAddress socketAddress) {
    private static final Pattern FORM = Pattern.compile(
            "(\\[[0-9A-Fa-f:.]+]|(?:[0-9]{1,3}\\.){3}[0-9]{1,3}|localhost):([0-9]{1,5})");

    public static MetricsAddress parse(String text) {
        if (text == null || text.length() > 64) {
            throw new IllegalArgumentException("--metrics-listen must be HOST:PORT");
        }
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--metrics-listen must be HOST:PORT with a loopback host "
                    + "(127.0.0.1, [::1] or localhost): metrics have no token, so they are served to this machine only");
        }
        int port = Integer.parseInt(m.group(2));
        if (port > 65535) {
            throw new IllegalArgumentException("--metrics-listen: port " + port + " is out of range (0-65535)");
        }
        String host = m.group(1);
        InetAddress address = host.equals("localhost") ? InetAddress.getLoopbackAddress()
                : IpLiteral.parse(host.startsWith("[") ? host.substring(1, host.length() - 1) : host)
                        .orElseThrow(() -> new IllegalArgumentException("--metrics-listen: " + host + " is not an IP address"));
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("--metrics-listen: " + host + " is not a loopback address: metrics "
                    + "have no token, so they are served to this machine only (127.0.0.1, [::1] or localhost)");
        }
        return new MetricsAddress(new InetSocketAddress(address, port));
    }
}
