package org.gleaner.node.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gleaner.node.SiteAnswers.redirect;
import static org.gleaner.node.SiteAnswers.respond;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.gleaner.node.LoopbackSite;
import org.gleaner.protocol.net.Cidr;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.protocol.page.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PageFetcherTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final int MAX_BODY = 1024;
    private static final String HTML = "<html><body><a href=\"/x\">x</a></body></html>";

    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    private final FetchPolicy policy = new FetchPolicy(MAX_BODY, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10), 5,
            Set.of("text/html", "text/plain"), "GleanerBot-test");
    private final EgressGuard loopbackAllowed = new EgressGuard(List.of(Cidr.parse("127.0.0.1/32")));
    private final Map<String, Integer> hits = new ConcurrentHashMap<>();
    private LoopbackSite site;
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        site = LoopbackSite.start(this::handle);
        base = site.url("");
    }

    @AfterEach
    void stopServer() {
        site.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            hits.merge(path, 1, Integer::sum);
            if (path.startsWith("/hop/")) {
                // /hop/N redirects N more times, then serves a page.
                int left = Integer.parseInt(path.substring(5));
                if (left == 0) {
                    respond(exchange, 200, "text/html", HTML);
                } else {
                    redirect(exchange, left % 2 == 0 ? 302 : 301, "/hop/" + (left - 1));
                }
                return;
            }
            switch (path) {
                case "/page" -> {
                    exchange.getResponseHeaders().add("X-Robots-Tag", "noai");
                    exchange.getResponseHeaders().add("Content-Usage", "train-ai=n");
                    exchange.getResponseHeaders().add("ETag", "\"v1\"");
                    exchange.getResponseHeaders().add("Set-Cookie", "session=secret");
                    exchange.getResponseHeaders().add("X-Internal", "not kept");
                    respond(exchange, 200, "text/html; charset=utf-8", HTML);
                }
                case "/abs-redirect" -> redirect(exchange, 307, base + "/rel-redirect");
                case "/rel-redirect" -> redirect(exchange, 308, "page");
                case "/to-file" -> redirect(exchange, 302, "file:///etc/passwd");
                case "/to-ftp" -> redirect(exchange, 302, "ftp://127.0.0.1/file");
                case "/to-bad-location" -> redirect(exchange, 302, "http://exa mple/");
                case "/to-no-host" -> redirect(exchange, 302, "http:no-host");
                case "/to-other-loopback" -> redirect(exchange, 302,
                        "http://127.0.0.2:" + site.port() + "/page");
                case "/exact" -> respond(exchange, 200, "text/plain", "a".repeat(MAX_BODY));
                case "/big" -> respond(exchange, 200, "text/html", "a".repeat(MAX_BODY + 1));
                case "/huge" -> respond(exchange, 200, "text/html", "a".repeat(MAX_BODY * 64));
                case "/image" -> respond(exchange, 200, "image/png", "\u0089PNG");
                case "/untyped" -> respond(exchange, 200, null, "bytes");
                case "/long-type" -> respond(exchange, 200, "text/html; " + "x=y; ".repeat(100), HTML);
                case "/missing" -> respond(exchange, 404, "text/html", "<p>not here</p>");
                default -> respond(exchange, 500, "text/plain", "unexpected " + path);
            }
        }
    }

    private FetchResult fetch(String path) throws FetchException {
        return new PageFetcher(policy, loopbackAllowed, clock).fetch(base + path);
    }

    private static void assertFails(ThrowingCallable call, String kind) {
        assertThatThrownBy(call).isInstanceOf(FetchException.class)
                .satisfies(e -> assertThat(((FetchException) e).kind()).isEqualTo(kind));
    }

    @Test
    void fetchesAPage() throws Exception {
        FetchResult result = fetch("/page");
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.url()).isEqualTo(base + "/page");
        assertThat(result.finalUrl()).isEqualTo(base + "/page");
        assertThat(result.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo(HTML);
        assertThat(result.fetchedAtMillis()).isEqualTo(NOW);
        assertThat(result.wireBytes()).isGreaterThan(HTML.length());
    }

    @Test
    void keepsOnlyKnownHeadersWithLowercasedNames() throws Exception {
        List<Header> headers = fetch("/page").headers();
        assertThat(headers).extracting(Header::name).allSatisfy(n -> assertThat(n).isLowerCase())
                .contains("content-type", "x-robots-tag", "content-usage", "etag")
                .doesNotContain("set-cookie", "x-internal", "date");
        assertThat(headers).contains(new Header("x-robots-tag", "noai"), new Header("content-usage", "train-ai=n"),
                new Header("etag", "\"v1\""));
    }

    @Test
    void followsARedirectChainAndReportsTheFinalUrl() throws Exception {
        FetchResult result = fetch("/abs-redirect");
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.url()).isEqualTo(base + "/abs-redirect");
        assertThat(result.finalUrl()).isEqualTo(base + "/page");
        assertThat(hits).containsEntry("/abs-redirect", 1).containsEntry("/rel-redirect", 1).containsEntry("/page", 1);
    }

    @Test
    void followsExactlyFiveRedirects() throws Exception {
        FetchResult result = fetch("/hop/5");
        assertThat(result.finalUrl()).isEqualTo(base + "/hop/0");
        assertThat(result.status()).isEqualTo(200);
    }

    @Test
    void refusesASixthRedirect() {
        assertFails(() -> fetch("/hop/6"), "redirect");
        assertThat(hits).doesNotContainKey("/hop/0");
        assertThat(hits.keySet()).hasSize(6);
    }

    @Test
    void refusesRedirectsToNonHttpSchemes() {
        assertFails(() -> fetch("/to-file"), "redirect");
        assertFails(() -> fetch("/to-ftp"), "redirect");
    }

    @Test
    void refusesMalformedOrHostlessRedirectTargets() {
        assertFails(() -> fetch("/to-bad-location"), "redirect");
        assertFails(() -> fetch("/to-no-host"), "redirect");
    }

    @Test
    void checksEveryRedirectHopAgainstTheGuard() {
        assertFails(() -> fetch("/to-other-loopback"), "egress");
        assertThat(hits).doesNotContainKey("/page");
    }

    @Test
    void refusesABodyOverTheCap() throws Exception {
        assertThat(fetch("/exact").body()).hasSize(MAX_BODY);
        assertFails(() -> fetch("/big"), "too-large");
        assertFails(() -> fetch("/huge"), "too-large");
    }

    @Test
    void refusesContentTypesNotInThePolicy() {
        assertFails(() -> fetch("/image"), "content-type");
        assertFails(() -> fetch("/untyped"), "content-type");
    }

    @Test
    void refusesAContentTypeTooLongForAPageRecord() {
        assertFails(() -> fetch("/long-type"), "content-type");
    }

    @Test
    void returnsErrorStatusesAsResults() throws Exception {
        FetchResult result = fetch("/missing");
        assertThat(result.status()).isEqualTo(404);
        assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("<p>not here</p>");
    }

    @Test
    void theStrictGuardRefusesLoopbackBeforeConnecting() {
        PageFetcher strict = new PageFetcher(policy, EgressGuard.strict(), clock);
        assertFails(() -> strict.fetch(base + "/page"), "egress");
        assertFails(() -> strict.fetch("http://localhost:" + site.port() + "/page"), "egress");
        assertThat(hits).isEmpty();
    }

    @Test
    void refusesUrlsItCannotFetch() {
        PageFetcher fetcher = new PageFetcher(policy, loopbackAllowed, clock);
        assertFails(() -> fetcher.fetch("ftp://127.0.0.1/file"), "url");
        assertFails(() -> fetcher.fetch("not a url"), "url");
        assertFails(() -> fetcher.fetch("http:/no-host"), "url");
        assertThat(hits).isEmpty();
    }

    @Test
    void reportsAConnectionFailureAsAFetchError() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PageFetcher fetcher = new PageFetcher(policy, loopbackAllowed, clock);
        assertFails(() -> fetcher.fetch("http://127.0.0.1:" + port + "/"), "connect");
    }

    @Test
    void sendsItsUserAgent() throws Exception {
        Map<String, String> seen = new ConcurrentHashMap<>();
        site.answer("/ua", exchange -> {
            seen.put("ua", exchange.getRequestHeaders().getFirst("User-Agent"));
            respond(exchange, 200, "text/plain", "ok");
            exchange.close();
        });
        fetch("/ua");
        assertThat(seen).containsEntry("ua", "GleanerBot-test");
    }
}
