package org.gleaner.builder.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a Prometheus registry as text at {@code GET /metrics} on a JDK {@link HttpServer} (decision 0054). Only
 * loopback addresses are accepted ({@link MetricsAddress}): the figures carry no secret, but the endpoint has no
 * token, so it is this machine's; a request whose {@code Host} is not loopback gets 421, so a web page that
 * rebinds its own name to 127.0.0.1 cannot read them. GET and HEAD only (405 otherwise), no request body (413), one request at a time.
 */
public final class MetricsEndpoint implements Closeable {
    static final String PATH = "/metrics";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds {@code address} (loopback; port 0 picks a free one) and starts serving {@code registry}. */
    public static MetricsEndpoint start(MetricsAddress address, PrometheusMeterRegistry registry) throws IOException {
        Objects.requireNonNull(registry, "registry");
        HttpServer server = HttpServer.create(address.socketAddress(), 8);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "builder-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange, registry);
            }
        });
        server.start();
        return new MetricsEndpoint(server, executor);
    }

    private static void answer(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        String method = exchange.getRequestMethod();
        if (!LoopbackHost.named(exchange.getRequestHeaders().getFirst("Host"))) {
            send(exchange, 421, "misdirected request: metrics answer only to a loopback Host\n", true);
        } else if (!PATH.equals(exchange.getRequestURI().getPath())) {
            send(exchange, 404, "not found: metrics are at " + PATH + "\n", true);
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, "method not allowed: GET only\n", true);
        } else if (hasBody(exchange)) {
            send(exchange, 413, "a metrics request has no body\n", true);
        } else {
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            send(exchange, 200, registry.scrape(), !method.equals("HEAD"));
        }
    }

    private static boolean hasBody(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        return exchange.getRequestHeaders().containsKey("Transfer-Encoding")
                || (length != null && !length.trim().equals("0"));
    }

    private static void send(HttpExchange exchange, int status, String text, boolean withBody) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        }
        if (!withBody) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The bound address (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://HOST:PORT/metrics}. */
    public String url() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + PATH;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
