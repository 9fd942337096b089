package org.gleaner.node.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.gleaner.node.egress.EgressGuard;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.page.Header;

/**
 * Fetches one URL, following at most {@code maxRedirects} redirects itself so that every hop is checked by
 * the egress guard, with a cap on body bytes and deadlines. Skeleton note: Java's client resolves DNS
 * again after the guard's check; the hardened fetcher connects to the checked address instead.
 */
public final class PageFetcher {
    private static final Set<String> KEPT_HEADERS = Set.of("content-type", "content-language", "last-modified", "etag",
            "x-robots-tag", "content-usage", "tdm-reservation", "tdm-policy", "link");

    private final FetchPolicy policy;
    private final EgressGuard guard;
    private final Clock clock;
    private final HttpClient client;

    public PageFetcher(FetchPolicy policy, EgressGuard guard, Clock clock) {
        this.policy = policy;
        this.guard = guard;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(policy.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public FetchResult fetch(String url) throws FetchException {
        URI current;
        try {
            current = checkedTarget(URI.create(url), "url");
        } catch (IllegalArgumentException e) {
            throw new FetchException("url", "not a fetchable URL: " + e.getMessage(), e);
        }
        for (int hop = 0; hop <= policy.maxRedirects(); hop++) {
            checkEgress(current);
            HttpResponse<InputStream> response = send(current);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("location");
            if (status >= 300 && status < 400 && location.isPresent()) {
                drain(response);
                try {
                    current = checkedTarget(current.resolve(location.get()), "redirect");
                } catch (IllegalArgumentException e) {
                    // A server's Location header is untrusted input: never let it escape as an unchecked exception.
                    throw new FetchException("redirect", "malformed redirect location", e);
                }
                continue;
            }
            return read(url, current, response);
        }
        throw new FetchException("redirect", "more than " + policy.maxRedirects() + " redirects");
    }

    /** Only absolute http(s) URLs with a host, short enough for a page receipt. */
    private static URI checkedTarget(URI uri, String kind) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new FetchException(kind, "not an HTTP URL: " + scheme);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new FetchException(kind, "URL has no host");
        }
        if (uri.toString().getBytes(StandardCharsets.UTF_8).length > FieldSizes.URL) {
            throw new FetchException(kind, "URL longer than " + FieldSizes.URL + " bytes");
        }
        return uri;
    }

    private void checkEgress(URI uri) throws FetchException {
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                Optional<String> refusal = guard.refusal(address);
                if (refusal.isPresent()) {
                    throw new FetchException("egress", uri.getHost() + " resolves to a " + refusal.get());
                }
            }
        } catch (UnknownHostException e) {
            throw new FetchException("dns", "cannot resolve " + uri.getHost(), e);
        }
    }

    private HttpResponse<InputStream> send(URI uri) throws FetchException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri)
                    .timeout(policy.totalTimeout())
                    .header("User-Agent", policy.userAgent())
                    .header("Accept", "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5")
                    .GET()
                    .build();
        } catch (IllegalArgumentException e) {
            throw new FetchException("url", "cannot request " + uri + ": " + e.getMessage(), e);
        }
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new FetchException("connect", e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted", "fetch interrupted", e);
        }
    }

    private FetchResult read(String url, URI finalUri, HttpResponse<InputStream> response) throws FetchException {
        String contentType = response.headers().firstValue("content-type").orElse("");
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!policy.allowedContentTypes().contains(mediaType)
                || contentType.getBytes(StandardCharsets.UTF_8).length > FieldSizes.CONTENT_TYPE) {
            drain(response);
            throw new FetchException("content-type", "content type not allowed: " + mediaType);
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(policy.maxBodyBytes() + 1);
        } catch (IOException e) {
            throw new FetchException("read", "reading the body failed: " + e.getMessage(), e);
        }
        if (body.length > policy.maxBodyBytes()) {
            throw new FetchException("too-large", "body over " + policy.maxBodyBytes() + " bytes");
        }
        List<Header> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (KEPT_HEADERS.contains(lower) && headers.size() < 32) {
                headers.add(new Header(lower, truncate(String.join(", ", values))));
            }
        });
        long headerBytes = response.headers().map().entrySet().stream()
                .mapToLong(e -> e.getKey().length() + e.getValue().stream().mapToLong(String::length).sum() + 4).sum();
        return new FetchResult(url, finalUri.toString(), response.statusCode(), contentType, headers, body,
                clock.millis(), headerBytes + body.length);
    }

    private static String truncate(String value) {
        return value.length() > 2000 ? value.substring(0, 2000) : value;
    }

    private static void drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.skip(64 * 1024);
        } catch (IOException ignored) {
            // the connection is discarded anyway
        }
    }
}
