package org.gleaner.devnet.site;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * Serves the demo journals on one loopback port, one virtual host per journal (chosen by the Host header):
 * the generated pages, a robots.txt, the domain-ownership tokens subjects publish under
 * {@code /.well-known/gleaner-consent/}, and 404 for anything else.
 */
public final class DemoSite implements AutoCloseable {
    static final String WELL_KNOWN = "/.well-known/gleaner-consent/";
    private static final int MAX_TOKENS = 64;

    private final Map<String, Map<String, String>> sites = DemoContent.sites();
    private final Map<String, String> wellKnown = new ConcurrentHashMap<>();
    private final UnaryOperator<String> alteration;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    private DemoSite(InetSocketAddress bind, UnaryOperator<String> alteration) throws IOException {
        this.alteration = alteration;
        server = HttpServer.create(bind, 32);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The real site on 127.0.0.1 and a free port. */
    public static DemoSite start() throws IOException {
        return new DemoSite(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), UnaryOperator.identity());
    }

    /**
     * Devnet only: the same journals on {@code address} and the real site's port, each page passed through
     * {@code alteration}. A node that resolves the demo hosts here fetches, hashes and signs altered pages:
     * it submits altered content under a valid signature, which only a spot check can catch.
     */
    public static DemoSite altered(InetAddress address, int port, UnaryOperator<String> alteration) throws IOException {
        return new DemoSite(new InetSocketAddress(address, port), alteration);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<String> hosts() {
        return List.copyOf(sites.keySet());
    }

    /** host:port, as the coordinator names hosts. */
    public String hostKey(String host) {
        return host + ":" + port();
    }

    public String baseUrl(String host) {
        return "http://" + hostKey(host) + "/";
    }

    public int pageCount() {
        return sites.values().stream().mapToInt(Map::size).sum();
    }

    /** Publishes a domain-ownership token (the last path segment under the well-known prefix) on every host. */
    public void publishToken(String path, String content) {
        if (!path.startsWith(WELL_KNOWN) || path.length() > 200 || content.length() > 1024) {
            throw new IllegalArgumentException("not a consent challenge path: " + path);
        }
        if (wellKnown.size() >= MAX_TOKENS) {
            throw new IllegalStateException("too many published tokens");
        }
        wellKnown.put(path, content);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith(WELL_KNOWN)) {
                String token = wellKnown.get(path);
                send(exchange, token == null ? 404 : 200, "text/plain; charset=utf-8", token == null ? "" : token);
                return;
            }
            Map<String, String> pages = sites.get(host(exchange));
            if (pages == null) {
                send(exchange, 404, "text/html; charset=utf-8", "<html><body>no such site</body></html>");
                return;
            }
            if (path.equals("/robots.txt")) {
                send(exchange, 200, "text/plain; charset=utf-8", "User-agent: *\nAllow: /\n");
                return;
            }
            String html = pages.get(path);
            if (html == null) {
                send(exchange, 404, "text/html; charset=utf-8", "<html><body>not found</body></html>");
            } else {
                send(exchange, 200, "text/html; charset=utf-8", alteration.apply(html));
            }
        }
    }

    private static String host(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null) {
            return "";
        }
        int colon = host.lastIndexOf(':');
        return (colon > 0 ? host.substring(0, colon) : host).toLowerCase(Locale.ROOT);
    }

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
