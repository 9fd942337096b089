package org.gleaner.node.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gleaner.node.operator.OperatorView;
import org.gleaner.node.operator.StatementCheck;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's local page and its API, bound to 127.0.0.1 only. Every data path answers only with the token
 * from the node's data directory ({@code Authorization: Bearer}, or {@code ?token=} for the page itself and
 * {@code /status.json}), and only to a loopback {@code Host} header so that a web page cannot reach it through DNS
 * rebinding; the one action, {@code POST .../verify}, takes the token only as a header, so no other site's form
 * can trigger it. The page's static files hold no data and need no token. The API is described by
 * {@code /openapi.json}.
 */
public final class StatusServer implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern VERIFY = Pattern.compile("/api/statements/(\\d{1,18})/verify");
    private static final Map<String, String> STATIC = Map.of(
            "/operator.js", "text/javascript; charset=utf-8",
            "/operator.css", "text/css; charset=utf-8",
            "/openapi.json", "application/json");
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] token;
    private final Supplier<NodeStatus> status;
    private final OperatorView operator;

    /** A status page without the coordinator's side (credits and statements): tests and tools. */
    public StatusServer(int port, String token, Supplier<NodeStatus> status) throws IOException {
        this(port, token, status, null);
    }

    public StatusServer(int port, String token, Supplier<NodeStatus> status, OperatorView operator) throws IOException {
        this.token = token.getBytes(StandardCharsets.US_ASCII);
        this.status = status;
        this.operator = operator;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 8);
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "gleaner-status");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            drain(exchange.getRequestBody());
            if (!loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
                send(exchange, 421, "text/plain", "this page answers only to 127.0.0.1");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher verify = VERIFY.matcher(path);
            if (verify.matches()) {
                if (!"POST".equals(method)) {
                    send(exchange, 405, "text/plain", "POST only");
                } else if (!bearer(exchange) || !sameOrigin(exchange)) {
                    send(exchange, 401, "text/plain", "token required in the Authorization header");
                } else {
                    verify(exchange, Long.parseLong(verify.group(1)));
                }
                return;
            }
            if (!"GET".equals(method)) {
                send(exchange, 405, "text/plain", "GET only");
                return;
            }
            if (STATIC.containsKey(path)) {
                sendResource(exchange, path.substring(1), STATIC.get(path));
                return;
            }
            if (!bearer(exchange) && !(queryToken(exchange) && (path.equals("/") || path.equals("/status.json")))) {
                send(exchange, 401, "text/plain", "token required: see status.token in the node's data directory");
                return;
            }
            switch (path) {
                case "/" -> sendResource(exchange, "operator.html", "text/html; charset=utf-8");
                case "/status.json", "/api/status" -> send(exchange, 200, "application/json", JSON.writeValueAsString(status.get()));
                case "/api/statements" -> send(exchange, 200, "application/json", JSON.writeValueAsString(operator == null
                        ? new OperatorView.Statements(java.util.List.of(), "this node was started without the coordinator's side")
                        : operator.statements()));
                default -> send(exchange, 404, "text/plain", "not found");
            }
        }
    }

    private void verify(HttpExchange exchange, long epoch) throws IOException {
        if (operator == null) {
            send(exchange, 404, "text/plain", "no statements on this node");
            return;
        }
        Optional<StatementCheck.Result> result;
        try {
            result = operator.verify(epoch);
        } catch (IOException e) {
            send(exchange, 422, "text/plain", e.getMessage());
            return;
        }
        if (result.isEmpty()) {
            send(exchange, 404, "text/plain", "no statement of epoch " + epoch + " on this node");
            return;
        }
        send(exchange, 200, "application/json", JSON.writeValueAsString(result.get()));
    }

    private static void drain(InputStream body) throws IOException {
        // Nothing here takes a body; read a little so the connection can be reused, never more.
        body.readNBytes(4096);
    }

    private static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT).replaceAll(":\\d{1,5}$", "");
        return name.equals("127.0.0.1") || name.equals("localhost");
    }

    /** A browser sends Origin with a POST: it must be this page's own. */
    private boolean sameOrigin(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        return origin == null || origin.equals("http://127.0.0.1:" + port()) || origin.equals("http://localhost:" + port());
    }

    private boolean bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.startsWith("Bearer ") && matches(header.substring(7).trim());
    }

    private boolean queryToken(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return false;
        }
        for (String part : query.split("&")) {
            if (part.startsWith("token=") && matches(part.substring(6))) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(String given) {
        return MessageDigest.isEqual(token, given.getBytes(StandardCharsets.US_ASCII));
    }

    private static void sendResource(HttpExchange exchange, String name, String type) throws IOException {
        try (InputStream in = StatusServer.class.getResourceAsStream("web/" + name)) {
            if (in == null) {
                send(exchange, 500, "text/plain", "the page's file " + name + " is missing from this build");
                return;
            }
            send(exchange, 200, type, in.readAllBytes());
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
