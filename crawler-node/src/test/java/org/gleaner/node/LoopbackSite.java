package org.gleaner.node;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 (a free port) for the node's tests. Every exchange runs on its own thread, so a
 * response the test holds back does not hold the others; closing stops the server and its threads.
 */
public final class LoopbackSite implements AutoCloseable {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpServer server;

    private LoopbackSite(HttpServer server) {
        this.server = server;
    }

    /** A site answering every path with {@code handler}. */
    public static LoopbackSite start(HttpHandler handler) throws IOException {
        LoopbackSite site = new LoopbackSite(HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16));
        site.server.setExecutor(site.executor);
        site.server.createContext("/", handler);
        site.server.start();
        return site;
    }

    /** From now on, paths under {@code pathPrefix} are answered by {@code handler} instead. */
    public void answer(String pathPrefix, HttpHandler handler) {
        server.createContext(pathPrefix, handler);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code 127.0.0.1:port}, the host as leases and politeness name it. */
    public String host() {
        return "127.0.0.1:" + port();
    }

    /** {@code http://127.0.0.1:port} followed by {@code path}. */
    public String url(String path) {
        return "http://" + host() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
