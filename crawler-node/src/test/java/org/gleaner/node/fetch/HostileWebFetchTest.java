package org.gleaner.node.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gleaner.node.SiteAnswers.redirect;
import static org.gleaner.node.SiteAnswers.respond;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.gleaner.node.LoopbackSite;
import org.gleaner.protocol.net.Cidr;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.protocol.net.HostResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hostile web against real local servers: each case ends in a recorded reason and a fetcher that still works. */
class HostileWebFetchTest {
    private static final int MAX_BODY = 64 * 1024;
    private static final String HTML = "<html><body><a href=\"/x\">x</a></body></html>";

    private final FetchPolicy policy = new FetchPolicy(MAX_BODY, Duration.ofSeconds(2), Duration.ofSeconds(1),
            Duration.ofSeconds(3), 5, Set.of("text/html", "text/plain"), "GleanerBot-test");
    private final EgressGuard loopbackAllowed = new EgressGuard(List.of(Cidr.parse("127.0.0.1/32")));
    private final Map<String, Integer> hits = new ConcurrentHashMap<>();
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    private final Map<String, String> encodings = new ConcurrentHashMap<>();
    private final Map<String, String> types = new ConcurrentHashMap<>();
    private LoopbackSite site;
    private int port;

    @BeforeEach
    void startServer() throws IOException {
        site = LoopbackSite.start(this::handle);
        port = site.port();
    }

    @AfterEach
    void stopServer() {
        site.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            hits.merge(path, 1, Integer::sum);
            if (path.equals("/loop")) {
                redirect(exchange, 302, "/loop");
                return;
            }
            if (encodings.containsKey(path)) {
                exchange.getResponseHeaders().set("Content-Encoding", encodings.get(path));
            }
            byte[] body = bodies.getOrDefault(path, HTML.getBytes(StandardCharsets.UTF_8));
            respond(exchange, 200, types.getOrDefault(path, "text/html"), body);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private PageFetcher fetcher() {
        return new PageFetcher(policy, loopbackAllowed, Clock.systemUTC());
    }

    private PageFetcher fetcher(EgressGuard guard, HostResolver resolver) {
        return new PageFetcher(policy, HttpTransport.unthrottled(policy, guard, resolver), Clock.systemUTC());
    }

    private static void assertFails(ThrowingCallable call, String kind) {
        assertThatThrownBy(call).isInstanceOf(FetchException.class)
                .satisfies(e -> assertThat(((FetchException) e).kind()).as(e.getMessage()).isEqualTo(kind));
    }

    private void assertStillWorks(PageFetcher fetcher) throws FetchException {
        assertThat(fetcher.fetch(url("/ok")).status()).isEqualTo(200);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] deflate(byte[] data, boolean zlibWrapped) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, new Deflater(9, !zlibWrapped))) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = HostileWebFetchTest.class.getResourceAsStream("/fetch/" + name)) {
            return in.readAllBytes();
        }
    }

    // --- DNS and the egress guard -------------------------------------------------------------------

    @Test
    void aNameResolvingToLoopbackIsRefusedWithoutConnecting() throws Exception {
        PageFetcher fetcher = fetcher(EgressGuard.strict(), host -> List.of(InetAddress.getByName("127.0.0.1")));
        assertFails(() -> fetcher.fetch("http://innocent.example:" + port + "/ok"), "egress");
        assertThat(hits).isEmpty();
    }

    @Test
    void aNameResolvingToTheCloudMetadataAddressIsRefused() {
        PageFetcher fetcher = fetcher(EgressGuard.strict(), host -> List.of(InetAddress.getByName("169.254.169.254")));
        assertThatThrownBy(() -> fetcher.fetch("http://metadata.example/latest/meta-data/"))
                .isInstanceOf(FetchException.class)
                .satisfies(e -> assertThat(((FetchException) e).kind()).isEqualTo("egress"))
                .hasMessageContaining("link-local");
    }

    @Test
    void aNameWithOnePublicAndOnePrivateAnswerIsRefusedAsAWhole() {
        PageFetcher fetcher = fetcher(EgressGuard.strict(),
                host -> List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.1")));
        assertFails(() -> fetcher.fetch("http://mixed.example/"), "egress");
    }

    @Test
    void connectsToTheCheckedAddressWithoutASecondLookup() throws Exception {
        // A rebinding resolver: the first answer is allowed, every later one points into the private network.
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> List.of(InetAddress.getByName(
                lookups.getAndIncrement() == 0 ? "127.0.0.1" : "10.0.0.1"));
        PageFetcher fetcher = fetcher(loopbackAllowed, rebinding);
        FetchResult result = fetcher.fetch("http://rebind.example:" + port + "/ok");
        assertThat(result.status()).isEqualTo(200);
        assertThat(lookups).hasValue(1);
        assertThat(hits).containsEntry("/ok", 1);
    }

    @Test
    void aNameTheAllowRuleCoversIsFetchedThroughTheCheckedAddress() throws Exception {
        PageFetcher fetcher = fetcher(loopbackAllowed, host -> List.of(InetAddress.getByName("127.0.0.1")));
        FetchResult result = fetcher.fetch("http://devnet.example:" + port + "/ok");
        assertThat(result.finalUrl()).isEqualTo("http://devnet.example:" + port + "/ok");
        assertThat(hits).containsEntry("/ok", 1);
    }

    @Test
    void anUnknownHostIsADnsError() {
        PageFetcher fetcher = fetcher(loopbackAllowed, host -> {
            throw new java.net.UnknownHostException(host);
        });
        assertFails(() -> fetcher.fetch("http://nowhere.example/"), "dns");
    }

    // --- redirects ----------------------------------------------------------------------------------

    @Test
    void aRedirectLoopEndsAfterFiveHops() throws Exception {
        PageFetcher fetcher = fetcher();
        assertFails(() -> fetcher.fetch(url("/loop")), "redirect");
        assertThat(hits).containsEntry("/loop", 6);
        assertStillWorks(fetcher);
    }

    @Test
    void everyHopIsCheckedByTheCallersHopCheck() throws Exception {
        PageFetcher fetcher = fetcher();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        assertFails(() -> fetcher.fetch(url("/loop"), (target, hop) -> {
            seen.add(target.getPath());
            if (hop == 2) {
                throw new FetchException("robots", "disallowed by robots.txt");
            }
        }), "robots");
        assertThat(seen).containsExactly("/loop", "/loop", "/loop");
        assertThat(hits).containsEntry("/loop", 2);
    }

    // --- sizes and decoding -------------------------------------------------------------------------

    @Test
    void aGzipBombIsStoppedAtTheDecodedCap() throws Exception {
        byte[] bomb = gzip(new byte[64 * 1024 * 1024]);
        assertThat(bomb.length).isLessThan(MAX_BODY);
        bodies.put("/bomb", bomb);
        encodings.put("/bomb", "gzip");
        PageFetcher fetcher = fetcher();
        assertThatThrownBy(() -> fetcher.fetch(url("/bomb"))).isInstanceOf(FetchException.class)
                .satisfies(e -> assertThat(((FetchException) e).kind()).isEqualTo("too-large"))
                .hasMessageContaining("gzip");
        assertStillWorks(fetcher);
    }

    @Test
    void aBrotliBombIsStoppedAtTheDecodedCap() throws Exception {
        bodies.put("/bomb", resource("bomb-16MiB.br"));
        encodings.put("/bomb", "br");
        PageFetcher fetcher = fetcher();
        assertFails(() -> fetcher.fetch(url("/bomb")), "too-large");
        assertStillWorks(fetcher);
    }

    @Test
    void decodesGzipDeflateAndBrotli() throws Exception {
        byte[] html = resource("page.html");
        bodies.put("/gz", gzip(html));
        encodings.put("/gz", "gzip");
        bodies.put("/zlib", deflate(html, true));
        encodings.put("/zlib", "deflate");
        bodies.put("/raw-deflate", deflate(html, false));
        encodings.put("/raw-deflate", "deflate");
        bodies.put("/br", resource("page.html.br"));
        encodings.put("/br", "br");
        PageFetcher fetcher = fetcher();
        for (String path : List.of("/gz", "/zlib", "/raw-deflate", "/br")) {
            assertThat(fetcher.fetch(url(path)).body()).as(path).isEqualTo(html);
        }
    }

    @Test
    void corruptOrUnknownEncodingsAreDecodingErrors() throws Exception {
        bodies.put("/corrupt", "definitely not gzip".getBytes(StandardCharsets.US_ASCII));
        encodings.put("/corrupt", "gzip");
        encodings.put("/unknown", "compress");
        PageFetcher fetcher = fetcher();
        assertFails(() -> fetcher.fetch(url("/corrupt")), "decoding");
        assertFails(() -> fetcher.fetch(url("/unknown")), "decoding");
        assertStillWorks(fetcher);
    }

    @Test
    void aHugeDeclaredBodyIsRefusedWithoutReadingIt() throws Exception {
        bodies.put("/huge", new byte[MAX_BODY * 16]);
        PageFetcher fetcher = fetcher();
        assertThatThrownBy(() -> fetcher.fetch(url("/huge"))).isInstanceOf(FetchException.class)
                .hasMessageContaining("declared");
        assertStillWorks(fetcher);
    }

    @Test
    void anEndlessUndeclaredBodyIsCutAtTheCap() throws Exception {
        try (RawServer endless = new RawServer((in, out) -> {
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n");
            byte[] chunk = new byte[8192];
            while (true) {
                out.write(chunk);
            }
        })) {
            PageFetcher fetcher = fetcher();
            assertFails(() -> fetcher.fetch(endless.url("/")), "too-large");
            assertStillWorks(fetcher);
        }
    }

    // --- deadlines ----------------------------------------------------------------------------------

    @Test
    void aTrickledResponseHitsTheTotalDeadline() throws Exception {
        try (RawServer trickle = new RawServer((in, out) -> {
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n");
            while (true) {
                out.write('a');
                out.flush();
                Thread.sleep(100); // always under the read timeout, never finishing
            }
        })) {
            PageFetcher fetcher = fetcher();
            assertFails(() -> fetcher.fetch(trickle.url("/")), "timeout");
            assertStillWorks(fetcher);
        }
    }

    @Test
    void aSilentServerHitsTheReadDeadline() throws Exception {
        try (RawServer silent = new RawServer((in, out) -> Thread.sleep(60_000))) {
            PageFetcher fetcher = fetcher();
            assertFails(() -> fetcher.fetch(silent.url("/")), "timeout");
            assertStillWorks(fetcher);
        }
    }

    // --- charsets -----------------------------------------------------------------------------------

    @Test
    void takesTheCharsetFromTheHeaderTheBomOrTheMeta() throws Exception {
        types.put("/latin1", "text/html; charset=ISO-8859-1");
        bodies.put("/latin1", "<p>caf\u00e9</p>".getBytes(StandardCharsets.ISO_8859_1));
        bodies.put("/bom", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "<p>hi</p>".getBytes(StandardCharsets.UTF_16LE)));
        types.put("/bom", "text/html; charset=iso-8859-1"); // the BOM wins over a wrong header
        bodies.put("/meta", "<html><head><meta charset=\"windows-1252\"></head><body>\u20ac</body></html>"
                .getBytes(Charset.forName("windows-1252")));
        types.put("/bogus", "text/html; charset=no-such-charset");
        bodies.put("/bogus", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">".getBytes(StandardCharsets.US_ASCII));
        types.put("/none", "text/html");
        PageFetcher fetcher = fetcher();
        assertThat(fetcher.fetch(url("/latin1")).charset()).isEqualTo("ISO-8859-1");
        assertThat(fetcher.fetch(url("/bom")).charset()).isEqualTo("UTF-16LE");
        assertThat(fetcher.fetch(url("/meta")).charset()).isEqualTo("windows-1252");
        assertThat(fetcher.fetch(url("/bogus")).charset()).isEqualTo("KOI8-R");
        assertThat(fetcher.fetch(url("/none")).charset()).isEqualTo("UTF-8");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void countsTheBytesOnTheWireBothWays() throws Exception {
        FetchResult result = fetcher().fetch(url("/ok"));
        // Request line and headers out, status line, headers and body in: always more than the body alone.
        assertThat(result.wireBytes()).isGreaterThan(result.body().length + "GET /ok HTTP/1.1\r\n".length() + 100);
    }
}
