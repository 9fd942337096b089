package org.gleaner.devnet.site;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Serves the demo site on 127.0.0.1: the generated pages, a robots.txt, and 404 for anything else. */
public final class DemoSite implements AutoCloseable {
    private final Map<String, String> pages = DemoContent.pages();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    public DemoSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public String hostKey() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public int pageCount() {
        return pages.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/robots.txt")) {
                send(exchange, 200, "text/plain; charset=utf-8", "User-agent: *\nAllow: /\n");
                return;
            }
            String html = pages.get(path);
            if (html == null) {
                send(exchange, 404, "text/html; charset=utf-8", "<html><body>not found</body></html>");
            } else {
                send(exchange, 200, "text/html; charset=utf-8", html);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
