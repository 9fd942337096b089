package org.gleaner.devnet.nodes;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.gleaner.devnet.site.DemoJournal;
import org.gleaner.protocol.net.HostResolver;

/** Devnet only: resolves the demo hosts ({@code *.gleaner.test}) to one loopback address and nothing else. */
final class DemoHostResolver implements HostResolver {
    private final InetAddress address;

    DemoHostResolver(InetAddress address) {
        this.address = address;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        if (host.toLowerCase(Locale.ROOT).endsWith("." + DemoJournal.DOMAIN)) {
            return List.of(address);
        }
        throw new UnknownHostException(host + " is not a demo host");
    }
}
