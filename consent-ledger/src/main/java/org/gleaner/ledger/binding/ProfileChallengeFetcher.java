package org.gleaner.ledger.binding;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.protocol.net.HostResolver;

/**
 * Fetches a social profile page to find the token its owner published there (in the bio, a pinned post, a
 * profile field), through the egress guard (see {@link ChallengeHttp}): no redirects, deadlines, the first
 * 512 KiB of the page. It works where the network serves the profile's text in the page's HTML (GitHub,
 * Mastodon and other fediverse servers do; sites that render profiles only with JavaScript cannot be checked
 * this way). {@code locate} maps the profile URL to the URL actually fetched: the identity in production, a
 * real server on 127.0.0.1 in tests (allowed only by an explicit allow rule).
 */
public final class ProfileChallengeFetcher {
    private static final int MAX_BODY = 512 * 1024;

    private final UnaryOperator<URI> locate;
    private final ChallengeHttp http;

    public ProfileChallengeFetcher(UnaryOperator<URI> locate, HostResolver hosts, EgressGuard guard) {
        this.locate = locate;
        this.http = new ChallengeHttp(hosts, guard);
    }

    public static ProfileChallengeFetcher https(EgressGuard guard) {
        return new ProfileChallengeFetcher(UnaryOperator.identity(), HostResolver.system(), guard);
    }

    /** Every profile fetched from {@code base} (same path): for tests and local development only. */
    public static ProfileChallengeFetcher at(URI base, EgressGuard guard) {
        return new ProfileChallengeFetcher(profile -> base.resolve(profile.getRawPath()), HostResolver.system(), guard);
    }

    /** Whether the profile page answers 200 and its first 512 KiB contain {@code token}. */
    boolean shows(URI profile, String token) throws IOException {
        ChallengeHttp.Fetched fetched = http.get(locate.apply(profile), Map.of("Accept", "text/html"), MAX_BODY);
        if (fetched.status() != 200) {
            return false;
        }
        byte[] page = Arrays.copyOf(fetched.body(), Math.min(fetched.body().length, MAX_BODY));
        return new String(page, StandardCharsets.UTF_8).contains(token);
    }
}
