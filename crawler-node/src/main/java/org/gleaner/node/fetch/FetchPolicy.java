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
    /** The placeholder contact; a network sets its own page about the crawler with {@link #withContact}. */
    public static final String DEFAULT_CONTACT = "https://gleaner.invalid/bot";
    public static final String USER_AGENT = userAgent(DEFAULT_CONTACT);
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

    /** {@code /.well-known/tdmrep.json}: any content type, 64 KiB, same deadlines. */
    public FetchPolicy forTdmRep() {
        return new FetchPolicy(64 * 1024, connectTimeout, readTimeout, totalTimeout, 5, Set.of(ANY_TYPE), userAgent);
    }

    public static String userAgent(String contactUrl) {
        return "GleanerBot/0.1 (+" + contactUrl + ")";
    }

    /** The same policy with a user agent naming {@code contactUrl}, an absolute http(s) URL without spaces. */
    public FetchPolicy withContact(String contactUrl) {
        if (!contactUrl.matches("https?://[^\\s()]{1,200}")) {
            throw new IllegalArgumentException("--contact must be an http(s) URL without spaces or parentheses");
        }
        return new FetchPolicy(maxBodyBytes, connectTimeout, readTimeout, totalTimeout, maxRedirects, allowedContentTypes,
                userAgent(contactUrl));
    }

    public boolean allows(String mediaType) {
        return allowedContentTypes.contains(ANY_TYPE) || allowedContentTypes.contains(mediaType);
    }
}
