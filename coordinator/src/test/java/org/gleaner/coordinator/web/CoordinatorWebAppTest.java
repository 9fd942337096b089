package org.gleaner.coordinator.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.coordinator.journal.InMemoryJournal;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.coordinator.reward.EpochCloser;
import org.gleaner.coordinator.reward.RewardEpochs;
import org.gleaner.coordinator.reward.RewardPolicy;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.reward.StatementBundle;
import org.gleaner.protocol.reward.StatementVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The REST API on a real HTTP server on 127.0.0.1, called with the JDK's HTTP client. */
class CoordinatorWebAppTest {
    private static final String TOKEN = "t".repeat(40);

    private final Fixtures.MutableClock clock = new Fixtures.MutableClock(1_700_000_000_000L);
    private final Ed25519KeyPair key = Ed25519KeyPair.generate();
    private final Ed25519KeyPair node = Ed25519KeyPair.generate();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Coordinator coordinator = new Coordinator(CoordinatorConfig.defaults(Fixtures.ORIGIN).withSpotCheckShare(0), key,
            clock, new InMemoryJournal(), metrics);
    /** Keeps published epochs in memory: the Kafka publisher is covered by CrashAndRestartIT. */
    private final List<EpochCloser.ClosedEpoch> published = new ArrayList<>();
    private final RewardEpochs epochs = new RewardEpochs(new EpochCloser(Fixtures.ORIGIN, key, RewardPolicy.DEFAULT), published::add,
            Duration.ofHours(1));
    private final HttpClient http = HttpClient.newHttpClient();
    private ConfigurableApplicationContext web;
    private String base;

    @BeforeEach
    void start() {
        web = CoordinatorWebApp.start(coordinator, epochs, new ApiToken(TOKEN), metrics, "127.0.0.1", 0);
        base = "http://127.0.0.1:" + web.getEnvironment().getProperty("local.server.port");
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A read signed by {@code signer} for {@code path}, as a node's operator page does. */
    private HttpResponse<String> getAsNode(String path, Ed25519KeyPair signer) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization",
                org.gleaner.protocol.nodeapi.NodeApiRequest.authorization(signer, Fixtures.ORIGIN, path, System.currentTimeMillis()))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aKeyRefusedBeforeItEverContributedSeesItsSignal() throws Exception {
        for (int i = 0; i < Coordinator.MAX_KEYS_PER_ADDRESS; i++) {
            coordinator.requestLease(Fixtures.leaseRequest(Ed25519KeyPair.generate(), 1, clock.millis()), "192.0.2.9");
        }
        Ed25519KeyPair refused = Ed25519KeyPair.generate();
        assertThat(coordinator.requestLease(Fixtures.leaseRequest(refused, 1, clock.millis()), "192.0.2.9"))
                .isInstanceOf(LeaseDecision.Refused.class);
        String path = "/v1/nodes/" + refused.publicKey().fingerprint();
        HttpResponse<String> stats = getAsNode(path, refused);
        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(stats.body()).contains("\"creditedPages\":0").contains("\"G120\"").contains("\"count\":1");
        assertThat(stats.body()).as("a refused lease request is no refused contribution").contains("\"refusals\":{}");
    }

    private HttpResponse<String> postJob(String json, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/v1/jobs")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final String JOB = """
            {"jobId":"lab-1","seeds":["http://a.example/"],"hosts":["A.example"],"maxPages":50,"maxDepth":2,"purpose":"train-ai"}""";

    @Test
    void submittingAJobNeedsTheTokenAndValidInput() throws Exception {
        assertThat(postJob(JOB, null).statusCode()).isEqualTo(401);
        assertThat(postJob(JOB, "x".repeat(40)).statusCode()).isEqualTo(401);
        assertThat(get("/v1/jobs/current").statusCode()).isEqualTo(404);
        HttpResponse<String> bad = postJob(JOB.replace("lab-1", "bad id!"), TOKEN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("jobId");

        HttpResponse<String> created = postJob(JOB, TOKEN);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"jobId\":\"lab-1\"").contains("\"discoveredUrls\":1");
        assertThat(postJob(JOB, TOKEN).statusCode()).as("a job id is used once").isEqualTo(409);
        assertThat(get("/v1/jobs/current").body()).contains("\"finished\":false");

        String recrawling = JOB.replace("lab-1", "lab-2").replace("}", ",\"recrawlIntervalSeconds\":3600}");
        assertThat(postJob(recrawling.replace("3600", "-5"), TOKEN).statusCode()).isEqualTo(400);
        assertThat(postJob(recrawling, TOKEN).statusCode()).as("a second job runs beside the first").isEqualTo(201);
        assertThat(get("/v1/jobs").body()).contains("\"jobId\":\"lab-1\"").contains("\"jobId\":\"lab-2\"");
        HttpResponse<String> one = get("/v1/jobs/lab-2");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).contains("\"queuedUrls\":1").contains("\"creditedPages\":0").contains("\"finished\":false");
        assertThat(get("/v1/jobs/nope").statusCode()).isEqualTo(404);
        assertThat(get("/v3/api-docs").body()).contains("/v1/jobs/{jobId}").contains("recrawlIntervalSeconds");
    }

    @Test
    void nodeStatsStatementsOpenApiAndPrometheus() throws Exception {
        postJob(JOB, TOKEN);
        LeaseDecision d = coordinator.requestLease(Fixtures.leaseRequest(node, 8, clock.millis()));
        CrawlLease lease = ((LeaseDecision.Granted) d).lease().record();
        coordinator.acceptPage(Fixtures.page(node, lease.leaseId(), "http://a.example/", clock.millis(),
                "<p>hello</p>".getBytes(StandardCharsets.UTF_8)));
        coordinator.acceptPage(Fixtures.page(node, "no-such-lease", "http://a.example/", clock.millis(),
                "<p>hello</p>".getBytes(StandardCharsets.UTF_8)));
        String id = node.publicKey().fingerprint();

        assertThat(get("/v1/nodes/" + id).statusCode()).as("unsigned").isEqualTo(401);
        assertThat(getAsNode("/v1/nodes/" + id, Ed25519KeyPair.generate()).statusCode()).as("signed by another key").isEqualTo(403);
        HttpResponse<String> stats = getAsNode("/v1/nodes/" + id, node);
        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(stats.body()).contains("\"creditedPages\":1").contains("G102");
        String signedForOtherPath = org.gleaner.protocol.nodeapi.NodeApiRequest.authorization(node, Fixtures.ORIGIN,
                "/v1/nodes/" + id, System.currentTimeMillis());
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/v1/nodes/" + id + "/statement"))
                .header("Authorization", signedForOtherPath).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("signed for another path").isEqualTo(403);
        HttpRequest replay = HttpRequest.newBuilder(URI.create(base + "/v1/nodes/" + id)).header("Authorization", signedForOtherPath).build();
        assertThat(http.send(replay, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(http.send(replay, HttpResponse.BodyHandlers.ofString()).statusCode()).as("replayed").isEqualTo(403);
        assertThat(get("/v1/nodes/not-hex").statusCode()).isEqualTo(400);
        Ed25519KeyPair stranger = Ed25519KeyPair.generate();
        assertThat(getAsNode("/v1/nodes/" + stranger.publicKey().fingerprint(), stranger).statusCode()).isEqualTo(404);
        assertThat(getAsNode("/v1/nodes/" + id + "/statement", node).statusCode()).as("no epoch closed yet").isEqualTo(404);

        epochs.closeNow(coordinator, clock.millis());
        String statementPath = "/v1/nodes/" + id + "/statement";
        HttpResponse<byte[]> statement = http.send(HttpRequest.newBuilder(URI.create(base + statementPath)).header("Authorization",
                org.gleaner.protocol.nodeapi.NodeApiRequest.authorization(node, Fixtures.ORIGIN, statementPath, System.currentTimeMillis()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(statement.statusCode()).isEqualTo(200);
        assertThat(StatementVerifier.verify(StatementBundle.decode(statement.body()), Fixtures.ORIGIN, key.publicKey()).creditedPages())
                .isEqualTo(1);

        assertThat(get("/v3/api-docs").body()).contains("/v1/jobs").contains("/v1/nodes/{nodeId}/statement");
        // Only committed contributions are counted; the ingest does that, so count one here as it would.
        coordinator.signals().committed(org.gleaner.coordinator.credit.CreditEvent.refused(id, "l", "u",
                org.gleaner.coordinator.credit.ReasonCode.NO_LEASE));
        HttpResponse<String> scrape = get("/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("gleaner_coordinator_fraud_signals_total{reason=\"G102\"}");
    }

    @Test
    void limitsRequestsPerAddressWith429AndRetryAfter() throws Exception {
        web.close();
        web = CoordinatorWebApp.start(coordinator, epochs, new ApiToken(TOKEN), metrics, "127.0.0.1", 0,
                new org.gleaner.coordinator.api.RateLimiter(0.001, 3));
        base = "http://127.0.0.1:" + web.getEnvironment().getProperty("local.server.port");
        for (int i = 0; i < 3; i++) {
            assertThat(get("/v1/jobs").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = get("/v1/jobs");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValueAsLong("Retry-After").orElse(0)).isPositive();
        assertThat(postJob(JOB, TOKEN).statusCode()).as("job submission is limited too").isEqualTo(429);
    }
}
