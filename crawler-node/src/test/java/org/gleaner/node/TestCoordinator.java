package org.gleaner.node;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeaseRequest;
import org.gleaner.protocol.lease.LeasedUrl;

/**
 * A stand-in for the coordinator's lease endpoint (the real one lives in another module): a real HTTP server
 * on 127.0.0.1 that checks the node's signed request and hands out the leases a test queued, signed with a
 * real Ed25519 key, then answers 410 (all jobs done).
 */
final class TestCoordinator implements AutoCloseable {
    static final String ORIGIN = "gleaner-test";

    private final Ed25519KeyPair key = Ed25519KeyPair.generate();
    private final HttpServer server;
    private final ConcurrentLinkedQueue<Queued> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger badRequests = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();

    private record Queued(String host, List<String> urls, long crawlDelayMillis) {
    }

    TestCoordinator() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 8);
        server.createContext("/v1/leases", exchange -> {
            try (exchange) {
                requests.incrementAndGet();
                Signed<LeaseRequest> request;
                try {
                    request = Signed.decode(exchange.getRequestBody().readNBytes(LeaseRequest.MAX_ENCODED + 256),
                            LeaseRequest.MAX_ENCODED, "lease request", LeaseRequest::read);
                    if (!request.verifies(ORIGIN, org.gleaner.protocol.crypto.Ed25519PublicKey.fromBytes(
                            request.record().nodeKey().toArray()))) {
                        throw new IllegalStateException("bad signature");
                    }
                } catch (Exception e) {
                    badRequests.incrementAndGet();
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                Queued next = queue.poll();
                if (next == null) {
                    exchange.sendResponseHeaders(410, -1);
                    return;
                }
                long now = System.currentTimeMillis();
                byte[] nonce = new byte[16];
                random.nextBytes(nonce);
                CrawlLease lease = new CrawlLease("lease-" + requests.get(), "job-1", request.record().nodeKey(), next.host(),
                        next.urls().stream().map(u -> new LeasedUrl(u, 0)).toList(), now, now + 120_000,
                        next.crawlDelayMillis(), Bytes.of(nonce));
                byte[] body = Signed.sign(lease, ORIGIN, key).encode().toArray();
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    void lease(String host, List<String> urls, long crawlDelayMillis) {
        queue.add(new Queued(host, urls, crawlDelayMillis));
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Ed25519KeyPair key() {
        return key;
    }

    int requests() {
        return requests.get();
    }

    int badRequests() {
        return badRequests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
