package org.gleaner.protocol.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a name and checks every address with the guard, returning literal addresses only, so that the
 * caller connects to exactly what was checked (no second lookup, so no DNS rebinding). A name with any refused
 * address is refused as a whole: mixing public and private answers is a known attack.
 */
public final class GuardedResolver {
    private static final int MAX_ADDRESSES = 16;

    private final HostResolver resolver;
    private final EgressGuard guard;

    public GuardedResolver(HostResolver resolver, EgressGuard guard) {
        this.resolver = resolver;
        this.guard = guard;
    }

    public EgressGuard guard() {
        return guard;
    }

    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> addresses = resolver.resolve(hostname);
        if (addresses == null || addresses.isEmpty()) {
            throw new UnknownHostException("no address for " + hostname);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = guard.refusal(address);
            if (refusal.isPresent()) {
                throw new EgressRefusedException(hostname + " resolves to a " + refusal.get());
            }
        }
        // Literal addresses only, never an InetAddress that still carries a name to re-resolve.
        return addresses.stream().limit(MAX_ADDRESSES).map(GuardedResolver::literal).toList();
    }

    private static InetAddress literal(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of valid length was refused", e);
        }
    }
}
