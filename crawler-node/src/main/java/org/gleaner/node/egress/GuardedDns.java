package org.gleaner.node.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import okhttp3.Dns;

/**
 * The HTTP client's only way to resolve names: the node resolves, the guard checks every address, and the
 * client connects to exactly the addresses returned here (no second lookup, so no DNS rebinding). A name
 * with any refused address is refused as a whole: mixing public and private answers is a known attack.
 */
public final class GuardedDns implements Dns {
    private static final int MAX_ADDRESSES = 16;

    private final HostResolver resolver;
    private final EgressGuard guard;

    public GuardedDns(HostResolver resolver, EgressGuard guard) {
        this.resolver = resolver;
        this.guard = guard;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> addresses = resolver.resolve(hostname);
        if (addresses.isEmpty()) {
            throw new UnknownHostException("no address for " + hostname);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = guard.refusal(address);
            if (refusal.isPresent()) {
                throw new EgressRefusedException(hostname + " resolves to a " + refusal.get());
            }
        }
        // Connect only to literal addresses, never to an InetAddress that still carries a name to re-resolve.
        return addresses.stream().limit(MAX_ADDRESSES).map(GuardedDns::literal).toList();
    }

    private static InetAddress literal(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of valid length was refused", e);
        }
    }
}
