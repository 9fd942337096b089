package org.gleaner.ledger.binding;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Fetches a social profile page to find the token its owner published there (in the bio, a pinned post, a
 * profile field): HTTPS, no redirects, a short timeout, the first 512 KiB of the page. It works where the
 * network serves the profile's text in the page's HTML (GitHub, Mastodon and other fediverse servers do;
 * sites that render profiles only with JavaScript cannot be checked this way). {@code locate} maps the
 * profile URL to the URL actually fetched: the identity in production, a real server on 127.0.0.1 in tests.
 */
public final class ProfileChallengeFetcher {
    private static final int MAX_BODY = 512 * 1024;

    private final UnaryOperator<URI> locate;
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public ProfileChallengeFetcher(UnaryOperator<URI> locate) {
        this.locate = locate;
    }

    public static ProfileChallengeFetcher https() {
        return new ProfileChallengeFetcher(UnaryOperator.identity());
    }

    /** Every profile fetched from {@code base} (same path): for tests and local development only. */
    public static ProfileChallengeFetcher at(URI base) {
        return new ProfileChallengeFetcher(profile -> base.resolve(profile.getRawPath()));
    }

    /** Whether the profile page answers 200 and its first 512 KiB contain {@code token}. */
    boolean shows(URI profile, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(locate.apply(profile)).timeout(Duration.ofSeconds(10))
                .header("Accept", "text/html").GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                return false;
            }
            return new String(body.readNBytes(MAX_BODY), StandardCharsets.UTF_8).contains(token);
        }
    }
}
