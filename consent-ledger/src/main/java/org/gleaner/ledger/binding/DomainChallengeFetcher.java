package org.gleaner.ledger.binding;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.protocol.net.HostResolver;

/**
 * Fetches {@code <base>/.well-known/gleaner-consent/<token>} for a domain through the egress guard (see
 * {@link ChallengeHttp}): no redirects, deadlines and a 1 KiB body cap. {@code baseOf} maps a domain to its
 * origin; production uses {@code https://<domain>}, tests point a test domain at a real server on 127.0.0.1
 * (which the guard refuses unless an explicit allow rule covers it).
 */
public final class DomainChallengeFetcher {
    public static final String WELL_KNOWN = "/.well-known/gleaner-consent/";
    private static final int MAX_BODY = 1024;

    private final Function<String, URI> baseOf;
    private final ChallengeHttp http;

    public DomainChallengeFetcher(Function<String, URI> baseOf, HostResolver hosts, EgressGuard guard) {
        this.baseOf = baseOf;
        this.http = new ChallengeHttp(hosts, guard);
    }

    /** {@code https://<domain>}, resolved by the system resolver, with the given guard. */
    public static DomainChallengeFetcher https(EgressGuard guard) {
        return new DomainChallengeFetcher(domain -> URI.create("https://" + domain), HostResolver.system(), guard);
    }

    /** The body served for {@code token}, or {@code null} when the server does not answer 200 or says too much. */
    String fetch(String domain, String token) throws IOException {
        URI uri = baseOf.apply(domain).resolve(WELL_KNOWN + token);
        ChallengeHttp.Fetched fetched = http.get(uri, Map.of(), MAX_BODY);
        if (fetched.status() != 200 || fetched.body().length > MAX_BODY) {
            return null;
        }
        return new String(fetched.body(), StandardCharsets.UTF_8).strip();
    }
}
