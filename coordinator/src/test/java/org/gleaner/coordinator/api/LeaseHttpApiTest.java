package org.gleaner.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.coordinator.Fixtures.MutableClock;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeaseHandBack;
import org.gleaner.protocol.lease.LeaseRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeaseHttpApiTest {
    private static final long START = 1_700_000_000_000L;

    private final MutableClock clock = new MutableClock(START);
    private final Ed25519KeyPair coordinatorKey = Ed25519KeyPair.generate();
    private final Ed25519KeyPair nodeA = Ed25519KeyPair.generate();
    private final Ed25519KeyPair nodeB = Ed25519KeyPair.generate();
    private final Coordinator coordinator = new Coordinator(CoordinatorConfig.defaults(Fixtures.ORIGIN).withSpotCheckShare(0), coordinatorKey,
            clock);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LeaseHttpApi api;
    private URI leases;

    @BeforeEach
    void start() throws IOException {
        coordinator.submit(new CrawlJob("job-1", List.of("http://a.example/1"), Set.of("a.example"), 10, 2, "train-ai"));
        api = new LeaseHttpApi(coordinator, new InetSocketAddress("127.0.0.1", 0)).start();
        leases = URI.create(api.baseUrl() + LeaseHttpApi.PATH);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<byte[]> post(byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(leases).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> ask(Ed25519KeyPair node) throws IOException, InterruptedException {
        return post(Fixtures.leaseRequest(node, 16, clock.millis()).encode().toArray());
    }

    @Test
    void grantsASignedLeaseThatDecodesAndVerifies() throws Exception {
        assertThat(api.baseUrl()).startsWith("http://127.0.0.1:");
        HttpResponse<byte[]> response = ask(nodeA);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/octet-stream");
        Signed<CrawlLease> lease = Signed.decode(response.body(), CrawlLease.MAX_ENCODED, "lease", CrawlLease::read);
        assertThat(lease.verifies(Fixtures.ORIGIN, coordinatorKey.publicKey())).isTrue();
        assertThat(lease.record().nodeKey()).isEqualTo(Fixtures.keyOf(nodeA));
        assertThat(lease.record().host()).isEqualTo("a.example");
        assertThat(lease.record().urls()).extracting(u -> u.url()).containsExactly("http://a.example/1");
    }

    @Test
    void answersNoContentWithRetryAfterWhenThereIsNoWorkYet() throws Exception {
        assertThat(ask(nodeA).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> response = ask(nodeB);
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValueAsLong("Retry-After-Ms")).hasValue(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void answersGoneWhenEveryJobIsDone() throws Exception {
        HttpResponse<byte[]> granted = ask(nodeA);
        assertThat(granted.statusCode()).isEqualTo(200);
        CrawlLease lease = Signed.decode(granted.body(), CrawlLease.MAX_ENCODED, "lease", CrawlLease::read).record();
        byte[] body = "<p>page</p>".getBytes(StandardCharsets.UTF_8);
        assertThat(coordinator.acceptPage(Fixtures.page(nodeA, lease.leaseId(), "http://a.example/1", clock.millis(), body))
                .credited()).isTrue();
        clock.advance(1000);
        assertThat(ask(nodeA).statusCode()).isEqualTo(204);
        coordinator.caughtUp(clock.millis() + 1);
        clock.advance(1000);
        assertThat(ask(nodeA).statusCode()).isEqualTo(410);
        assertThat(ask(nodeB).statusCode()).isEqualTo(410);
    }

    @Test
    void refusesMalformedBodiesWith400() throws Exception {
        assertThat(post(new byte[0]).statusCode()).isEqualTo(400);
        assertThat(post("not a lease request".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        byte[] valid = Fixtures.leaseRequest(nodeA, 16, clock.millis()).encode().toArray();
        byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 1);
        assertThat(post(truncated).statusCode()).isEqualTo(400);
        byte[] trailing = java.util.Arrays.copyOf(valid, valid.length + 1);
        assertThat(post(trailing).statusCode()).isEqualTo(400);
        // None of them reached the coordinator.
        assertThat(coordinator.stats().leasesIssued()).isZero();
    }

    @Test
    void refusesOversizedBodiesWith413() throws Exception {
        assertThat(post(new byte[1025]).statusCode()).isEqualTo(413);
        assertThat(post(new byte[64 * 1024]).statusCode()).isEqualTo(413);
    }

    @Test
    void refusesOtherMethodsWith405() throws Exception {
        HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(leases).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(405);
        HttpResponse<byte[]> put = http.send(HttpRequest.newBuilder(leases)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1})).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(put.statusCode()).isEqualTo(405);
    }

    @Test
    void refusesForgedAndReplayedRequestsWith403() throws Exception {
        LeaseRequest request = new LeaseRequest(Fixtures.keyOf(nodeA), 16, clock.millis(), Fixtures.nonce());
        assertThat(post(Signed.sign(request, Fixtures.ORIGIN, nodeB).encode().toArray()).statusCode()).isEqualTo(403);

        byte[] genuine = Signed.sign(request, Fixtures.ORIGIN, nodeA).encode().toArray();
        assertThat(post(genuine).statusCode()).isEqualTo(200);
        assertThat(post(genuine).statusCode()).isEqualTo(403);
    }

    @Test
    void answers429WithRetryAfterOverThePerNodeAndPerAddressLimits() throws Exception {
        api.close();
        api = new LeaseHttpApi(coordinator, new InetSocketAddress("127.0.0.1", 0), new RateLimiter.Limits(0.001, 5, 0.001, 2)).start();
        leases = URI.create(api.baseUrl() + LeaseHttpApi.PATH);
        assertThat(ask(nodeA).statusCode()).isNotEqualTo(429);
        assertThat(ask(nodeA).statusCode()).isNotEqualTo(429);
        HttpResponse<byte[]> limited = ask(nodeA);
        assertThat(limited.statusCode()).as("third request of one node").isEqualTo(429);
        assertThat(limited.headers().firstValueAsLong("Retry-After").orElse(0)).isPositive();
        assertThat(ask(nodeB).statusCode()).as("another node is not limited by A's rate").isNotEqualTo(429);
        assertThat(ask(nodeB).statusCode()).isNotEqualTo(429);
        assertThat(ask(Ed25519KeyPair.generate()).statusCode()).as("sixth request from one address").isEqualTo(429);
    }

    private HttpResponse<String> release(String pathId, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/v1/leases/" + pathId + "/release"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void releaseHandsBackUnfetchedUrlsOnceAndRefusesWhatItCannotTrust() throws Exception {
        HttpResponse<byte[]> granted = ask(nodeA);
        CrawlLease lease = Signed.decode(granted.body(), CrawlLease.MAX_ENCODED, "lease", CrawlLease::read).record();
        LeaseHandBack handBack = new LeaseHandBack(Fixtures.keyOf(nodeA), lease.leaseId(), List.of(0), clock.millis(), Fixtures.nonce());
        byte[] genuine = Signed.sign(handBack, Fixtures.ORIGIN, nodeA).encode().toArray();

        assertThat(release(lease.leaseId(), new byte[] {1, 2, 3}).statusCode()).isEqualTo(400);
        assertThat(release("other-id", genuine).statusCode()).as("path and record disagree").isEqualTo(400);
        assertThat(release(lease.leaseId(), new byte[64 * 1024]).statusCode()).isEqualTo(413);
        assertThat(release(lease.leaseId(), Signed.sign(handBack, Fixtures.ORIGIN, nodeB).encode().toArray()).statusCode())
                .isEqualTo(403);
        assertThat(ask(nodeB).statusCode()).as("the host is still leased to node A").isEqualTo(204);

        HttpResponse<String> accepted = release(lease.leaseId(), genuine);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).contains("returned 1");
        HttpResponse<byte[]> again = ask(nodeB);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Signed.decode(again.body(), CrawlLease.MAX_ENCODED, "lease", CrawlLease::read).record().urls())
                .extracting(u -> u.url()).containsExactly("http://a.example/1");

        LeaseHandBack late = new LeaseHandBack(Fixtures.keyOf(nodeA), lease.leaseId(), List.of(0), clock.millis(), Fixtures.nonce());
        assertThat(release(lease.leaseId(), Signed.sign(late, Fixtures.ORIGIN, nodeA).encode().toArray()).statusCode())
                .as("the lease already ended").isEqualTo(409);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/v1/leases/x/other"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(genuine)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(404);
    }
}
