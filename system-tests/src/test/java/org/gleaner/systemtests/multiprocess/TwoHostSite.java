package org.gleaner.systemtests.multiprocess;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small website on 127.0.0.1 served by two HTTP servers on two ports. A host (host:port) is leased to one
 * node at a time for politeness, so two hosts let two nodes crawl at once. Each host has a home page that
 * links to its own pages and to the other host's home page.
 */
public final class TwoHostSite implements AutoCloseable {
    private final List<HttpServer> servers = new ArrayList<>();
    private final int pagesPerHost;

    public TwoHostSite(int pagesPerHost) throws IOException {
        this.pagesPerHost = pagesPerHost;
        for (int i = 0; i < 2; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            servers.add(server);
        }
        for (int i = 0; i < 2; i++) {
            int host = i;
            HttpServer server = servers.get(i);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                byte[] body;
                int status = 200;
                String type = "text/html; charset=utf-8";
                if (path.equals("/robots.txt")) {
                    body = "User-agent: *\nAllow: /\n".getBytes(StandardCharsets.UTF_8);
                    type = "text/plain";
                } else if (path.equals("/")) {
                    body = home(host).getBytes(StandardCharsets.UTF_8);
                } else if (path.matches("/page-\\d+\\.html") && pageNumber(path) < pagesPerHost) {
                    body = page(host, pageNumber(path)).getBytes(StandardCharsets.UTF_8);
                } else {
                    status = 404;
                    body = "not found".getBytes(StandardCharsets.UTF_8);
                    type = "text/plain";
                }
                exchange.getResponseHeaders().set("Content-Type", type);
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }
    }

    private static int pageNumber(String path) {
        return Integer.parseInt(path.substring("/page-".length(), path.length() - ".html".length()));
    }

    private String home(int host) {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><title>Host " + host + "</title></head><body><h1>Host "
                + host + "</h1><p>An index of the field notes kept on this host.</p><ul>");
        for (int p = 0; p < pagesPerHost; p++) {
            html.append("<li><a href=\"/page-").append(p).append(".html\">Field note ").append(p).append("</a></li>");
        }
        html.append("</ul><p><a href=\"").append(baseUrl(1 - host)).append("\">The other host</a></p></body></html>");
        return html.toString();
    }

    private static String page(int host, int number) {
        return "<!doctype html><html><head><title>Field note " + number + " on host " + host + "</title></head><body><article>"
                + "<h1>Field note " + number + "</h1><p>Observed on host " + host + ": the river rose by " + (number + 3)
                + " centimetres after the rain, and the herons moved to the northern bank for the afternoon.</p>"
                + "<p><a href=\"/\">Back to the index</a></p></article></body></html>";
    }

    /** Base URL of host 0 or 1, ending in a slash. */
    public String baseUrl(int host) {
        return "http://127.0.0.1:" + servers.get(host).getAddress().getPort() + "/";
    }

    /** host:port of host 0 or 1, as a job's scope names it. */
    public String hostKey(int host) {
        return "127.0.0.1:" + servers.get(host).getAddress().getPort();
    }

    /** Every page URL of the site (what a complete crawl fetches). */
    public List<String> pageUrls() {
        List<String> urls = new ArrayList<>();
        for (int h = 0; h < 2; h++) {
            urls.add(baseUrl(h));
            for (int p = 0; p < pagesPerHost; p++) {
                urls.add(baseUrl(h) + "page-" + p + ".html");
            }
        }
        return urls;
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
    }
}
