package org.gleaner.node.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.protocol.net.GuardedResolver;
import org.gleaner.protocol.net.HostResolver;

/**
 * The HTTP client's only way to resolve names: the node resolves, the guard checks every address, and the
 * client connects to exactly the addresses returned here (see {@link GuardedResolver}).
 */
public final class GuardedDns implements Dns {
    private final GuardedResolver resolver;

    public GuardedDns(HostResolver resolver, EgressGuard guard) {
        this.resolver = new GuardedResolver(resolver, guard);
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        return resolver.lookup(hostname);
    }
}
