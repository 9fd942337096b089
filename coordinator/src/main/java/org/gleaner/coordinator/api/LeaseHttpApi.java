package org.gleaner.coordinator.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.durable.JournalUnavailableException;
import org.gleaner.coordinator.lease.HandBackDecision;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.lease.LeaseHandBack;
import org.gleaner.protocol.lease.LeaseRequest;
import org.gleaner.protocol.net.IpLiteral;

/**
 * The node-facing lease endpoint: {@code POST /v1/leases} with a signed {@link LeaseRequest} in its
 * canonical encoding. Answers 200 with a signed lease, 204 with {@code Retry-After-Ms} when there is no
 * work yet, 410 when every job is done, 400 for malformed input, 403 for a refused request, 429 with
 * {@code Retry-After} (seconds) over the per-address or per-node rate, and 503 when the coordinator cannot make the
 * lease durable. Bodies are
 * capped; the request itself is authenticated by its signature.
 *
 * <p>{@code POST /v1/leases/{id}/release} with a signed {@link LeaseHandBack} ends the node's live lease early and
 * returns the URLs it never fetched to the frontier at once: 200 with the number returned, 409 if the lease is no
 * longer live (its URLs return when it is released), 400 malformed or an id that differs from the record's,
 * 403 refused, 503 not durable.
 */
public final class LeaseHttpApi implements AutoCloseable {
    public static final String PATH = "/v1/leases";
    private static final int MAX_BODY = 1024;
    private static final int MAX_HAND_BACK_BODY = LeaseHandBack.MAX_ENCODED + Signed.SIGNATURE_BYTES + 16;
    private static final java.util.regex.Pattern RELEASE_PATH = java.util.regex.Pattern.compile("/v1/leases/([^/]{1,64})/release");

    /** Set by a peer instance that forwards a node's request, with the peer token; the node's address goes in {@link #FORWARDED_FOR}. */
    public static final String PEER_TOKEN = "Gleaner-Peer-Token";
    public static final String FORWARDED_FOR = "Gleaner-Forwarded-For";

    /** Default limits: per network address, then per node key (a node asks again after each lease or wait). */
    public static final RateLimiter.Limits DEFAULT_LIMITS = new RateLimiter.Limits(400, 800, 50, 100);

    private final LeaseService service;
    private final RateLimiter perAddress;
    private final RateLimiter perNode;
    private final byte[] peerToken;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    public LeaseHttpApi(Coordinator coordinator, InetSocketAddress address) throws IOException {
        this(LeaseService.of(coordinator), address, null, DEFAULT_LIMITS);
    }

    public LeaseHttpApi(Coordinator coordinator, InetSocketAddress address, RateLimiter.Limits limits) throws IOException {
        this(LeaseService.of(coordinator), address, null, limits);
    }

    public LeaseHttpApi(LeaseService service, InetSocketAddress address, String peerToken) throws IOException {
        this(service, address, peerToken, DEFAULT_LIMITS);
    }

    /** {@code peerToken}: the secret peer instances present when they forward a request (null: forwarding refused). */
    public LeaseHttpApi(LeaseService service, InetSocketAddress address, String peerToken, RateLimiter.Limits limits)
            throws IOException {
        this.service = service;
        this.perAddress = new RateLimiter(limits.perAddressPerSecond(), limits.perAddressBurst());
        this.perNode = new RateLimiter(limits.perNodePerSecond(), limits.perNodeBurst());
        this.peerToken = peerToken == null ? null : peerToken.getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(address, 64);
        server.createContext(PATH, this::handle);
        server.setExecutor(executor);
    }

    /** Where peer instances of a shared frontier read each other's partition reports (GET, peer token required). */
    public static final String PEER_REPORT_PATH = "/v1/peer/partitions";

    /**
     * Serves {@code report} (JSON) at {@link #PEER_REPORT_PATH} to peers that present the peer token; everyone else gets
     * 401. Only for an API built with a peer token.
     */
    public void servePeerReport(java.util.function.Supplier<byte[]> report) {
        if (peerToken == null) {
            throw new IllegalStateException("peer reports need a peer token");
        }
        server.createContext(PEER_REPORT_PATH, exchange -> {
            try (exchange) {
                if (limited(exchange, perAddress, exchange.getRemoteAddress().getAddress().getHostAddress())) {
                    return;
                }
                String presented = exchange.getRequestHeaders().getFirst(PEER_TOKEN);
                if (presented == null || !java.security.MessageDigest.isEqual(peerToken, presented.getBytes(StandardCharsets.UTF_8))) {
                    send(exchange, 401, "unknown peer");
                    return;
                }
                if (!"GET".equals(exchange.getRequestMethod()) || !PEER_REPORT_PATH.equals(exchange.getRequestURI().getRawPath())) {
                    send(exchange, 404, "no such endpoint");
                    return;
                }
                byte[] body = report.get();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
    }

    public LeaseHttpApi start() {
        server.start();
        return this;
    }

    public String baseUrl() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getHostString() + ":" + address.getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "use POST");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            java.util.regex.Matcher release = RELEASE_PATH.matcher(path);
            if (release.matches()) {
                if (limited(exchange, perAddress, exchange.getRemoteAddress().getAddress().getHostAddress())) {
                    return;
                }
                handBack(exchange, release.group(1));
                return;
            }
            if (!PATH.equals(path)) {
                send(exchange, 404, "no such endpoint");
                return;
            }
            String presented = exchange.getRequestHeaders().getFirst(PEER_TOKEN);
            boolean forwarded = presented != null;
            if (forwarded && (peerToken == null || !java.security.MessageDigest.isEqual(peerToken, presented.getBytes(StandardCharsets.UTF_8)))) {
                send(exchange, 401, "unknown peer");
                return;
            }
            // Forwarded requests were limited at the instance the node called; they share one peer address.
            if (!forwarded && limited(exchange, perAddress, exchange.getRemoteAddress().getAddress().getHostAddress())) {
                return;
            }
            byte[] body = readCapped(exchange.getRequestBody(), MAX_BODY);
            if (body == null) {
                send(exchange, 413, "request body over " + MAX_BODY + " bytes");
                return;
            }
            Signed<LeaseRequest> request;
            try {
                request = Signed.decode(body, LeaseRequest.MAX_ENCODED, "leaseRequest", LeaseRequest::read);
            } catch (MalformedRecordException e) {
                send(exchange, 400, e.getMessage());
                return;
            }
            if (!forwarded && limited(exchange, perNode, request.record().nodeKey().hex())) {
                return;
            }
            String remote = exchange.getRemoteAddress().getAddress().getHostAddress();
            if (forwarded) {
                String forwardedFor = exchange.getRequestHeaders().getFirst(FORWARDED_FOR);
                // The peer passes on the address it saw; anything but an IP literal is dropped, never resolved.
                remote = IpLiteral.parse(forwardedFor).map(InetAddress::getHostAddress).orElse(null);
            }
            LeaseDecision decision;
            try {
                decision = service.requestLease(request, remote, forwarded);
            } catch (JournalUnavailableException e) {
                send(exchange, 503, "coordinator unavailable, retry later");
                return;
            }
            if (decision instanceof LeaseDecision.Granted granted) {
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                byte[] lease = granted.lease().encode().toArray();
                exchange.sendResponseHeaders(200, lease.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(lease);
                }
            } else if (decision instanceof LeaseDecision.NoWorkYet wait) {
                exchange.getResponseHeaders().set("Retry-After-Ms", Long.toString(wait.retryAfterMillis()));
                exchange.sendResponseHeaders(204, -1);
            } else if (decision instanceof LeaseDecision.AllJobsDone) {
                send(exchange, 410, "all jobs done");
            } else if (decision instanceof LeaseDecision.Refused refused) {
                send(exchange, 403, refused.reason());
            }
        }
    }

    /** Answers 429 with {@code Retry-After} if {@code key} is over its limit. */
    private static boolean limited(HttpExchange exchange, RateLimiter limiter, String key) throws IOException {
        long waitMillis = limiter.acquire(key);
        if (waitMillis == 0) {
            return false;
        }
        exchange.getResponseHeaders().set("Retry-After", Long.toString(RateLimiter.retryAfterSeconds(waitMillis)));
        send(exchange, 429, "too many requests, retry later");
        return true;
    }

    private void handBack(HttpExchange exchange, String pathLeaseId) throws IOException {
        byte[] body = readCapped(exchange.getRequestBody(), MAX_HAND_BACK_BODY);
        if (body == null) {
            send(exchange, 413, "request body over " + MAX_HAND_BACK_BODY + " bytes");
            return;
        }
        Signed<LeaseHandBack> request;
        try {
            request = Signed.decode(body, LeaseHandBack.MAX_ENCODED, "leaseHandBack", LeaseHandBack::read);
        } catch (MalformedRecordException e) {
            send(exchange, 400, e.getMessage());
            return;
        }
        if (!request.record().leaseId().equals(pathLeaseId)) {
            send(exchange, 400, "the lease id in the path differs from the signed one");
            return;
        }
        HandBackDecision decision;
        try {
            decision = service.handBack(request);
        } catch (JournalUnavailableException e) {
            send(exchange, 503, "coordinator unavailable, retry later");
            return;
        }
        if (decision instanceof HandBackDecision.Accepted accepted) {
            send(exchange, 200, "returned " + accepted.returned());
        } else if (decision instanceof HandBackDecision.NotLive) {
            send(exchange, 409, "the lease is no longer live");
        } else if (decision instanceof HandBackDecision.Refused refused) {
            send(exchange, 403, refused.reason());
        }
    }

    private static byte[] readCapped(InputStream in, int max) throws IOException {
        byte[] data = in.readNBytes(max + 1);
        return data.length > max ? null : data;
    }

    private static void send(HttpExchange exchange, int status, String message) throws IOException {
        byte[] text = (message + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, text.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(text);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
