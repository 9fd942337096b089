package org.gleaner.node.lease;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeaseHandBack;
import org.gleaner.protocol.lease.LeaseRequest;

/**
 * Asks the coordinator for leases over HTTP and accepts only leases the coordinator's key signed for this node;
 * hands back the unfetched URLs of a lease when the node stops early.
 */
public final class CoordinatorClient {
    private static final int MAX_RESPONSE = CrawlLease.MAX_ENCODED + 1024;

    private static final int MAX_TEXT_RESPONSE = 4096;

    private final String baseUrl;
    private final URI leasesUri;
    private final Ed25519PublicKey coordinatorKey;
    private final String origin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public CoordinatorClient(String coordinatorUrl, Ed25519PublicKey coordinatorKey, String origin) {
        this.baseUrl = coordinatorUrl.replaceAll("/+$", "");
        this.leasesUri = URI.create(baseUrl + "/v1/leases");
        this.coordinatorKey = coordinatorKey;
        this.origin = origin;
    }

    public LeaseAnswer request(Signed<LeaseRequest> request) throws IOException, InterruptedException {
        HttpRequest http = HttpRequest.newBuilder(leasesUri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.encode().toArray()))
                .build();
        HttpResponse<byte[]> response = this.http.send(http, HttpResponse.BodyHandlers.ofByteArray());
        switch (response.statusCode()) {
            case 200:
                return new LeaseAnswer.Lease(verified(response.body(), request.record()));
            case 204:
                long wait = response.headers().firstValueAsLong("Retry-After-Ms").orElse(500);
                return new LeaseAnswer.Wait(Math.min(Math.max(wait, 50), 10_000));
            case 410:
                return new LeaseAnswer.Done();
            case 429:
            case 503:
                // Over the coordinator's rate limit, or it is briefly unable to journal: wait as told and ask again.
                long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
                return new LeaseAnswer.Wait(Math.min(Math.max(seconds, 1), 60) * 1000);
            default:
                throw new IOException("coordinator answered " + response.statusCode() + ": " + new String(response.body()).trim());
        }
    }

    /**
     * Ends the node's live lease and returns the URLs it never fetched to the coordinator: the number it took
     * back, or -1 if the lease had already ended (its URLs then return when the coordinator releases it).
     */
    public int handBack(Signed<LeaseHandBack> handBack) throws IOException, InterruptedException {
        String leaseId = handBack.record().leaseId();
        if (!leaseId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IOException("lease id is not URL-safe");
        }
        HttpRequest http = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/leases/" + leaseId + "/release"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(handBack.encode().toArray()))
                .build();
        HttpResponse<java.io.InputStream> response = this.http.send(http, HttpResponse.BodyHandlers.ofInputStream());
        String text;
        try (java.io.InputStream in = response.body()) {
            text = new String(in.readNBytes(MAX_TEXT_RESPONSE), java.nio.charset.StandardCharsets.UTF_8).trim();
        }
        switch (response.statusCode()) {
            case 200:
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("returned (\\d{1,4})").matcher(text);
                if (!m.find()) {
                    throw new IOException("coordinator accepted the hand-back but did not say how many URLs it took");
                }
                return Integer.parseInt(m.group(1));
            case 409:
                return -1;
            default:
                throw new IOException("coordinator answered " + response.statusCode() + " to the hand-back: "
                        + text.replaceAll("\\p{Cntrl}", " "));
        }
    }

    private Signed<CrawlLease> verified(byte[] body, LeaseRequest request) throws IOException {
        if (body.length > MAX_RESPONSE) {
            throw new IOException("lease response too large");
        }
        try {
            Signed<CrawlLease> lease = Signed.decode(body, CrawlLease.MAX_ENCODED, "lease", CrawlLease::read);
            if (!lease.verifies(origin, coordinatorKey)) {
                throw new IOException("lease is not signed by the configured coordinator key");
            }
            if (!lease.record().nodeKey().equals(request.nodeKey())) {
                throw new IOException("lease was issued to another node");
            }
            return lease;
        } catch (MalformedRecordException e) {
            throw new IOException("malformed lease: " + e.getMessage(), e);
        }
    }

    public sealed interface LeaseAnswer {
        record Lease(Signed<CrawlLease> lease) implements LeaseAnswer {
        }

        record Wait(long millis) implements LeaseAnswer {
        }

        record Done() implements LeaseAnswer {
        }
    }
}
