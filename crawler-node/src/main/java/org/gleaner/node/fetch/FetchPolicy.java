package org.gleaner.node.fetch;

import java.time.Duration;
import java.util.Set;

/** Limits on one fetch: body size, deadlines, redirects, allowed content types, the user agent. */
public record FetchPolicy(int maxBodyBytes, Duration connectTimeout, Duration totalTimeout, int maxRedirects,
        Set<String> allowedContentTypes, String userAgent) {

    public static final String USER_AGENT = "GleanerBot/0.1 (+https://gleaner.invalid/bot)";

    public static FetchPolicy defaults() {
        return new FetchPolicy(2 * 1024 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(20), 5,
                Set.of("text/html", "application/xhtml+xml", "text/plain"), USER_AGENT);
    }
}
