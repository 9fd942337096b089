package org.gleaner.node.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's local page: bound to 127.0.0.1 only, answers only with the token from the node's data
 * directory ({@code Authorization: Bearer} or {@code ?token=}), and only to a loopback {@code Host} header so
 * that a web page cannot reach it through DNS rebinding. {@code /} is HTML, {@code /status.json} is JSON.
 */
public final class StatusServer implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final byte[] token;
    private final Supplier<NodeStatus> status;

    public StatusServer(int port, String token, Supplier<NodeStatus> status) throws IOException {
        this.token = token.getBytes(StandardCharsets.US_ASCII);
        this.status = status;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 8);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gleaner-status");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "GET only");
                return;
            }
            if (!loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
                send(exchange, 421, "text/plain", "this page answers only to 127.0.0.1");
                return;
            }
            if (!authorised(exchange)) {
                send(exchange, 401, "text/plain", "token required: see status.token in the node's data directory");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/status.json")) {
                send(exchange, 200, "application/json", JSON.writeValueAsString(status.get()));
            } else if (path.equals("/")) {
                send(exchange, 200, "text/html; charset=utf-8", StatusPage.html(status.get()));
            } else {
                send(exchange, 404, "text/plain", "not found");
            }
        }
    }

    private static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT).replaceAll(":\\d{1,5}$", "");
        return name.equals("127.0.0.1") || name.equals("localhost");
    }

    private boolean authorised(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String given = null;
        if (header != null && header.startsWith("Bearer ")) {
            given = header.substring(7).trim();
        } else {
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null) {
                for (String part : query.split("&")) {
                    if (part.startsWith("token=")) {
                        given = part.substring(6);
                    }
                }
            }
        }
        return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.US_ASCII));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
