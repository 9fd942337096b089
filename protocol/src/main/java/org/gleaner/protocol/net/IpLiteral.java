package org.gleaner.protocol.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an IP address written as a literal (an IPv4 dotted quad, or an IPv6 address, which always holds a colon) and
 * never anything else: a name is refused rather than looked up, so text from a request can never cause a DNS query.
 */
public final class IpLiteral {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final int MAX_LENGTH = 45;

    private IpLiteral() {
    }

    public static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if (IPV4.matcher(text).matches()) {
            for (String octet : text.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return Optional.empty();
                }
            }
        } else if (!IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            // Only literals reach this point, and InetAddress parses a literal without any lookup.
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
