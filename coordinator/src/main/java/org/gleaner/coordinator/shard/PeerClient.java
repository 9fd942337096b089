package org.gleaner.coordinator.shard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.gleaner.coordinator.api.LeaseHttpApi;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeaseRequest;

/**
 * Forwards a node's signed lease request to a peer instance that owns other partitions, authenticated with the
 * shared peer token, and reads its answer. A peer that cannot be reached answers "no work yet": its partitions
 * come back once another instance takes them over.
 */
final class PeerClient {
    private static final int MAX_RESPONSE = CrawlLease.MAX_ENCODED + 1024;

    /** A peer's report of its partitions is small (a few hundred bytes per job and partition); more is refused. */
    private static final int MAX_REPORT = 4 << 20;

    private final URI leasesUri;
    private final URI reportUri;
    private final String peerToken;
    private final String origin;
    private final Ed25519PublicKey coordinatorKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    PeerClient(String baseUrl, String peerToken, String origin, Ed25519PublicKey coordinatorKey) {
        this.leasesUri = URI.create(baseUrl.replaceAll("/+$", "") + LeaseHttpApi.PATH);
        this.reportUri = URI.create(baseUrl.replaceAll("/+$", "") + LeaseHttpApi.PEER_REPORT_PATH);
        this.peerToken = peerToken;
        this.origin = origin;
        this.coordinatorKey = coordinatorKey;
    }

    LeaseDecision forward(Signed<LeaseRequest> request, String remoteAddress) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(leasesUri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/octet-stream")
                .header(LeaseHttpApi.PEER_TOKEN, peerToken)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.encode().toArray()));
        if (remoteAddress != null) {
            builder.header(LeaseHttpApi.FORWARDED_FOR, remoteAddress);
        }
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return switch (response.statusCode()) {
                case 200 -> granted(response.body(), request.record());
                case 204 -> new LeaseDecision.NoWorkYet(response.headers().firstValueAsLong("Retry-After-Ms").orElse(500));
                case 410 -> new LeaseDecision.AllJobsDone();
                case 403 -> new LeaseDecision.Refused(new String(response.body(), StandardCharsets.UTF_8).trim());
                default -> new LeaseDecision.NoWorkYet(500);
            };
        } catch (IOException e) {
            return new LeaseDecision.NoWorkYet(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LeaseDecision.NoWorkYet(500);
        }
    }

    /** The reports of the partitions the peer owns now; empty when it cannot be reached or answers nonsense. */
    java.util.List<PartitionReport> reports() {
        HttpRequest request = HttpRequest.newBuilder(reportUri).timeout(Duration.ofSeconds(5)).header(LeaseHttpApi.PEER_TOKEN, peerToken)
                .GET().build();
        try {
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = response.body()) {
                byte[] body = in.readNBytes(MAX_REPORT + 1);
                if (response.statusCode() != 200 || body.length > MAX_REPORT) {
                    return java.util.List.of();
                }
                return PartitionReports.decode(body);
            }
        } catch (IOException | IllegalArgumentException e) {
            return java.util.List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.List.of();
        }
    }

    private LeaseDecision granted(byte[] body, LeaseRequest request) {
        try {
            if (body.length > MAX_RESPONSE) {
                return new LeaseDecision.NoWorkYet(500);
            }
            Signed<CrawlLease> lease = Signed.decode(body, CrawlLease.MAX_ENCODED, "lease", CrawlLease::read);
            if (!lease.verifies(origin, coordinatorKey) || !lease.record().nodeKey().equals(request.nodeKey())) {
                return new LeaseDecision.NoWorkYet(500);
            }
            return new LeaseDecision.Granted(lease);
        } catch (MalformedRecordException e) {
            return new LeaseDecision.NoWorkYet(500);
        }
    }
}
