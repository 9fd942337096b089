package org.gleaner.node.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gleaner.node.SiteAnswers.respond;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.lease.LeaseHandBack;
import org.gleaner.protocol.lease.LeaseRequest;
import org.gleaner.protocol.lease.LeasedUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoordinatorClientTest {
    private static final String ORIGIN = "gleaner-test";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Ed25519KeyPair coordinatorKey = Ed25519KeyPair.generate();
    private final Ed25519KeyPair node = Ed25519KeyPair.generate();
    private final Ed25519KeyPair otherNode = Ed25519KeyPair.generate();
    /** What the stub coordinator answers next: status, extra header (name, value) or null, body. */
    private final AtomicReference<Answer> next = new AtomicReference<>();
    private final AtomicReference<byte[]> received = new AtomicReference<>();
    private final AtomicReference<String> receivedPath = new AtomicReference<>();
    private HttpServer server;
    private CoordinatorClient client;

    private record Answer(int status, String header, String value, byte[] body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/v1/leases", exchange -> {
            try (exchange) {
                received.set(exchange.getRequestBody().readAllBytes());
                receivedPath.set(exchange.getRequestURI().getPath());
                Answer answer = next.get();
                if (answer.header() != null) {
                    exchange.getResponseHeaders().set(answer.header(), answer.value());
                }
                respond(exchange, answer.status(), null, answer.body());
            }
        });
        server.start();
        client = new CoordinatorClient("http://127.0.0.1:" + server.getAddress().getPort() + "/", coordinatorKey.publicKey(),
                ORIGIN);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static Bytes nonce() {
        byte[] n = new byte[16];
        RANDOM.nextBytes(n);
        return Bytes.of(n);
    }

    private Signed<LeaseRequest> request() {
        return Signed.sign(new LeaseRequest(Bytes.of(node.publicKey().bytes()), 16, 1_000, nonce()), ORIGIN, node);
    }

    private byte[] lease(Ed25519KeyPair signer, String origin, Ed25519KeyPair holder) {
        CrawlLease lease = new CrawlLease("lease-1", "job-1", Bytes.of(holder.publicKey().bytes()), "a.example",
                List.of(new LeasedUrl("http://a.example/", 0)), 1_000, 61_000, 50, nonce());
        return Signed.sign(lease, origin, signer).encode().toArray();
    }

    @Test
    void acceptsALeaseSignedByTheCoordinatorForThisNode() throws Exception {
        next.set(new Answer(200, null, null, lease(coordinatorKey, ORIGIN, node)));
        Signed<LeaseRequest> request = request();
        CoordinatorClient.LeaseAnswer answer = client.request(request);

        assertThat(answer).isInstanceOf(CoordinatorClient.LeaseAnswer.Lease.class);
        CrawlLease lease = ((CoordinatorClient.LeaseAnswer.Lease) answer).lease().record();
        assertThat(lease.leaseId()).isEqualTo("lease-1");
        assertThat(received.get()).isEqualTo(request.encode().toArray());
    }

    @Test
    void refusesALeaseSignedByAnotherKeyOrForAnotherOrigin() {
        next.set(new Answer(200, null, null, lease(otherNode, ORIGIN, node)));
        assertThatThrownBy(() -> client.request(request())).isInstanceOf(IOException.class).hasMessageContaining("signed");
        next.set(new Answer(200, null, null, lease(coordinatorKey, "another-network", node)));
        assertThatThrownBy(() -> client.request(request())).isInstanceOf(IOException.class).hasMessageContaining("signed");
    }

    @Test
    void refusesALeaseIssuedToAnotherNode() {
        next.set(new Answer(200, null, null, lease(coordinatorKey, ORIGIN, otherNode)));
        assertThatThrownBy(() -> client.request(request())).isInstanceOf(IOException.class)
                .hasMessageContaining("another node");
    }

    @Test
    void refusesAMalformedLease() {
        next.set(new Answer(200, null, null, new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> client.request(request())).isInstanceOf(IOException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void waitsAsToldWithinBounds() throws Exception {
        next.set(new Answer(204, "Retry-After-Ms", "300", new byte[0]));
        assertThat(client.request(request())).isEqualTo(new CoordinatorClient.LeaseAnswer.Wait(300));
        next.set(new Answer(204, "Retry-After-Ms", "1", new byte[0]));
        assertThat(client.request(request())).isEqualTo(new CoordinatorClient.LeaseAnswer.Wait(50));
        next.set(new Answer(204, "Retry-After-Ms", "999999", new byte[0]));
        assertThat(client.request(request())).isEqualTo(new CoordinatorClient.LeaseAnswer.Wait(10_000));
        next.set(new Answer(204, null, null, new byte[0]));
        assertThat(client.request(request())).isEqualTo(new CoordinatorClient.LeaseAnswer.Wait(500));
    }

    @Test
    void goneMeansDone() throws Exception {
        next.set(new Answer(410, null, null, "all jobs done\n".getBytes()));
        assertThat(client.request(request())).isEqualTo(new CoordinatorClient.LeaseAnswer.Done());
    }

    @Test
    void otherStatusesAreErrors() {
        next.set(new Answer(403, null, null, "bad signature\n".getBytes()));
        assertThatThrownBy(() -> client.request(request())).isInstanceOf(IOException.class).hasMessageContaining("403");
    }

    private Signed<LeaseHandBack> handBack(String leaseId) {
        return Signed.sign(new LeaseHandBack(Bytes.of(node.publicKey().bytes()), leaseId, List.of(1, 2), 5, nonce()), ORIGIN, node);
    }

    @Test
    void handBackPostsTheSignedRecordToTheLeasesReleasePathAndReadsTheAnswer() throws Exception {
        next.set(new Answer(200, null, null, "returned 2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Signed<LeaseHandBack> signed = handBack("lease-7");
        assertThat(client.handBack(signed)).isEqualTo(2);
        assertThat(receivedPath.get()).isEqualTo("/v1/leases/lease-7/release");
        assertThat(received.get()).isEqualTo(signed.encode().toArray());

        next.set(new Answer(409, null, null, "the lease is no longer live\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(client.handBack(handBack("lease-7"))).as("already ended: not an error").isEqualTo(-1);

        next.set(new Answer(403, null, null, "bad signature\u0007\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> client.handBack(handBack("lease-7"))).isInstanceOf(IOException.class)
                .hasMessageContaining("403").hasMessageNotContaining("\u0007");
        next.set(new Answer(200, null, null, "ok".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> client.handBack(handBack("lease-7"))).isInstanceOf(IOException.class)
                .hasMessageContaining("did not say how many");
    }

    @Test
    void refusesToPutALeaseIdThatIsNotUrlSafeIntoAPath() {
        assertThatThrownBy(() -> client.handBack(handBack("../../admin"))).isInstanceOf(IOException.class)
                .hasMessageContaining("not URL-safe");
    }
}
