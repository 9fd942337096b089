package org.gleaner.node.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLException;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.protocol.net.EgressRefusedException;
import org.gleaner.protocol.net.HostResolver;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.page.Header;

/**
 * Fetches one URL, following at most {@code maxRedirects} redirects itself so that every hop is checked by
 * the caller's {@link HopCheck} and, at DNS and at connect, by the egress guard; decodes gzip, deflate and
 * brotli under the body cap; enforces the content-type allowlist and one total deadline for all hops.
 * Every failure is a {@link FetchException} whose kind the operator's error counts use.
 */
public final class PageFetcher {
    private static final Set<String> KEPT_HEADERS = Set.of("content-type", "content-language", "last-modified", "etag",
            "x-robots-tag", "content-usage", "tdm-reservation", "tdm-policy", "link", "retry-after", "location");
    private static final int MAX_KEPT_HEADERS = 32;
    private static final int MAX_HEADER_VALUE = 2000;
    private static final String ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5";

    private final FetchPolicy policy;
    private final HttpTransport transport;
    private final Clock clock;

    public PageFetcher(FetchPolicy policy, HttpTransport transport, Clock clock) {
        this.policy = policy;
        this.transport = transport;
        this.clock = clock;
    }

    /** A fetcher with its own transport: the system resolver, counted but unthrottled bandwidth. */
    public PageFetcher(FetchPolicy policy, EgressGuard guard, Clock clock) {
        this(policy, HttpTransport.unthrottled(policy, guard, HostResolver.system()), clock);
    }

    public FetchPolicy policy() {
        return policy;
    }

    public FetchResult fetch(String url) throws FetchException {
        return fetch(url, HopCheck.NONE);
    }

    public FetchResult fetch(String url, HopCheck hopCheck) throws FetchException {
        URI current = target(url, "url");
        long startWire = transport.meter().totalBytes();
        long deadline = System.nanoTime() + policy.totalTimeout().toNanos();
        for (int hop = 0; hop <= policy.maxRedirects(); hop++) {
            hopCheck.check(current, hop);
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative() || left.isZero()) {
                throw new FetchException("timeout", "total deadline of " + policy.totalTimeout().toSeconds() + " s passed");
            }
            try (Response response = send(current, left)) {
                int status = response.code();
                String location = response.header("Location");
                if (status >= 300 && status < 400 && location != null) {
                    current = redirectTarget(current, location);
                    continue;
                }
                return read(url, current, response, startWire);
            }
        }
        throw new FetchException("redirect", "more than " + policy.maxRedirects() + " redirects");
    }

    private static URI target(String url, String kind) throws FetchException {
        try {
            return checkedTarget(new URI(url), kind);
        } catch (URISyntaxException e) {
            throw new FetchException(kind, "not a fetchable URL", e);
        }
    }

    /** A server's Location header is untrusted input: it must parse and be an absolute http(s) URL. */
    private static URI redirectTarget(URI from, String location) throws FetchException {
        try {
            return checkedTarget(from.resolve(new URI(location.trim())), "redirect");
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FetchException("redirect", "malformed redirect location", e);
        }
    }

    /** Only absolute http(s) URLs with a host, short enough for a page receipt. */
    private static URI checkedTarget(URI uri, String kind) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new FetchException(kind, "not an HTTP URL: " + (scheme.length() > 20 ? scheme.substring(0, 20) : scheme));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new FetchException(kind, "URL has no host");
        }
        if (uri.toString().getBytes(StandardCharsets.UTF_8).length > FieldSizes.URL) {
            throw new FetchException(kind, "URL longer than " + FieldSizes.URL + " bytes");
        }
        return uri;
    }

    private Response send(URI uri, Duration deadline) throws FetchException {
        try {
            return transport.get(uri, policy.userAgent(), ACCEPT, deadline);
        } catch (IOException e) {
            throw classify(e);
        }
    }

    private static FetchException classify(IOException e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof EgressRefusedException refused) {
                return new FetchException("egress", refused.getMessage(), e);
            }
            t = t.getCause();
        }
        if (e instanceof UnknownHostException) {
            return new FetchException("dns", "cannot resolve the host", e);
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            if (Thread.currentThread().isInterrupted()) {
                return new FetchException("interrupted", "fetch interrupted", e);
            }
            return new FetchException("timeout", "deadline passed: " + e.getMessage(), e);
        }
        if (e instanceof SSLException) {
            return new FetchException("tls", "TLS failed: " + e.getMessage(), e);
        }
        return new FetchException("connect", e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    private FetchResult read(String url, URI finalUri, Response response, long startWire) throws FetchException {
        String contentType = response.header("Content-Type", "");
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!policy.allows(mediaType) || contentType.getBytes(StandardCharsets.UTF_8).length > FieldSizes.CONTENT_TYPE) {
            throw new FetchException("content-type", "content type not allowed: "
                    + (mediaType.length() > 60 ? mediaType.substring(0, 60) : mediaType));
        }
        ResponseBody responseBody = response.body();
        long declared = responseBody.contentLength();
        if (declared > policy.maxBodyBytes()) {
            throw new FetchException("too-large", "declared body of " + declared + " bytes is over " + policy.maxBodyBytes());
        }
        byte[] body;
        try (InputStream raw = new CappedInputStream(responseBody.byteStream(), policy.maxBodyBytes())) {
            body = ContentDecoder.decode(response.header("Content-Encoding"), raw, policy.maxBodyBytes());
        } catch (IOException e) {
            throw classify(e);
        }
        return new FetchResult(url, finalUri.toString(), response.code(), contentType,
                CharsetDetector.detect(contentType, body).name(), keptHeaders(response), body, clock.millis(),
                transport.meter().totalBytes() - startWire, response.protocol().toString());
    }

    private static List<Header> keptHeaders(Response response) {
        List<Header> headers = new ArrayList<>();
        for (String name : response.headers().names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (KEPT_HEADERS.contains(lower) && headers.size() < MAX_KEPT_HEADERS) {
                String value = String.join(", ", response.headers(name));
                headers.add(new Header(lower, value.length() > MAX_HEADER_VALUE ? value.substring(0, MAX_HEADER_VALUE) : value));
            }
        }
        return headers;
    }
}
