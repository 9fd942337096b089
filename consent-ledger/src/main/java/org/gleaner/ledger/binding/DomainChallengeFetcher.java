package org.gleaner.ledger.binding;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/**
 * Fetches {@code <base>/.well-known/gleaner-consent/<token>} for a domain: no redirects, a short timeout and
 * a 1 KiB body cap. {@code baseOf} maps a domain to its origin; production uses {@code https://<domain>},
 * tests point a test domain at a real server on 127.0.0.1.
 */
public final class DomainChallengeFetcher {
    public static final String WELL_KNOWN = "/.well-known/gleaner-consent/";
    private static final int MAX_BODY = 1024;

    private final Function<String, URI> baseOf;
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public DomainChallengeFetcher(Function<String, URI> baseOf) {
        this.baseOf = baseOf;
    }

    public static DomainChallengeFetcher https() {
        return new DomainChallengeFetcher(domain -> URI.create("https://" + domain));
    }

    /** The body served for {@code token}, or {@code null} when the server does not answer 200. */
    String fetch(String domain, String token) throws IOException, InterruptedException {
        URI uri = baseOf.apply(domain).resolve(WELL_KNOWN + token);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                return null;
            }
            byte[] bytes = body.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                return null;
            }
            return new String(bytes, StandardCharsets.UTF_8).strip();
        }
    }
}
