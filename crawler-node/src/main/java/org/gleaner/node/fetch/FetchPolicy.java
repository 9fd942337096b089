package org.gleaner.node.fetch;

import java.time.Duration;
import java.util.Set;

/**
 * Limits on one fetch: body size (after decompression; the compressed stream is capped at the same size),
 * connect, read (between bytes) and total deadlines, redirects, allowed content types ({@code *}/{@code *}
 * allows any) and the user agent.
 */
public record FetchPolicy(int maxBodyBytes, Duration connectTimeout, Duration readTimeout, Duration totalTimeout,
        int maxRedirects, Set<String> allowedContentTypes, String userAgent) {

    public static final String ANY_TYPE = "*/*";
    public static final String USER_AGENT = "GleanerBot/0.1 (+https://github.com/gleaner-crawler/gleaner/blob/main/docs/operators.md)";
    /** The token robots.txt groups name us by. */
    public static final String ROBOTS_AGENT = "gleanerbot";

    public FetchPolicy {
        if (maxBodyBytes < 1 || maxRedirects < 0 || maxRedirects > 20) {
            throw new IllegalArgumentException("body cap must be positive and redirects 0..20");
        }
        allowedContentTypes = Set.copyOf(allowedContentTypes);
    }

    public static FetchPolicy defaults() {
        return new FetchPolicy(2 * 1024 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), 5,
                Set.of("text/html", "application/xhtml+xml", "text/plain"), USER_AGENT);
    }

    /** robots.txt: any content type, 500 KiB (what major crawlers read), same deadlines. */
    public FetchPolicy forRobots() {
        return new FetchPolicy(500 * 1024, connectTimeout, readTimeout, totalTimeout, 5, Set.of(ANY_TYPE), userAgent);
    }

    public boolean allows(String mediaType) {
        return allowedContentTypes.contains(ANY_TYPE) || allowedContentTypes.contains(mediaType);
    }
}
