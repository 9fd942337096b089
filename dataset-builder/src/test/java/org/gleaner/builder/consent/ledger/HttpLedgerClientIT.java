package org.gleaner.builder.consent.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.gleaner.builder.pii.CommitmentMapper;
import org.gleaner.builder.pii.PiiKind;
import org.gleaner.builder.revocation.LedgerFixture;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.ledger.state.LedgerPolicy;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.ledger.IdentifierKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The builder's HTTP client of the ledger against a real HTTP server on 127.0.0.1. STAND-IN: the server is a
 * thin JDK HttpServer in front of a real {@code LedgerService} (the ledger's Spring controllers are excluded from
 * this module's class path); it answers {@code /v1/keys}, {@code /v1/checkpoint} and {@code /v1/commitments}
 * with the same shapes and the same bearer-token rule.
 */
class HttpLedgerClientIT {
    private static final String TOKEN = "builder-lookup-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void checkpointKeysAndCommitmentsComeFromTheLedgerAndFeedABuild() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build()) {
            kafka.start();
            try (LedgerFixture fixture = new LedgerFixture(dir.resolve("ledger"), kafka.bootstrapServers())) {
                LedgerFixture.Subject alice = fixture.subject("alice@people.example");
                String grant = alice.grant("train-ai");
                HttpServer server = standIn(fixture);
                try {
                    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
                    HttpLedgerClient client = new HttpLedgerClient(base, TOKEN);
                    HttpLedgerClient.LedgerKeys keys = client.keys();
                    assertThat(keys.origin()).isEqualTo(LedgerFixture.ORIGIN);
                    assertThat(keys.checkpointVerifierKey()).isEqualTo(fixture.ledger.checkpointVerifier().encode());

                    CommitmentMapper mapper = new LedgerCommitmentMapper(client);
                    assertThat(mapper.commitmentHex(PiiKind.EMAIL_ADDRESS, alice.email)).isEqualTo(alice.commitment.hex());
                    String ip = mapper.commitmentHex(PiiKind.IP_ADDRESS, "192.0.2.1");
                    assertThat(ip).matches("[0-9a-f]{64}").isNotEqualTo(alice.commitment.hex());

                    LedgerPolicy policy = new LedgerPolicy(keys.origin(), Set.of(Bytes.fromHex(keys.identityVerifierKey())), Set.of(),
                            Duration.ofMinutes(5));
                    try (LedgerConsentSource source = new LedgerConsentSource(policy, fixture.ledger.checkpointVerifier(),
                            kafka.bootstrapServers(), fixture.topic, Map.of(), client, Clock.systemUTC())) {
                        ConsentSnapshot asOf = null;
                        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                        while ((asOf == null || asOf.treeSize() < fixture.ledger.log().size()) && System.nanoTime() < deadline) {
                            asOf = source.snapshot(Duration.ofSeconds(30));
                        }
                        assertThat(asOf.lookup().decide(alice.commitment.hex(), "train-ai", asOf.lookupCheckpoint()).grantIds())
                                .containsExactly(grant);
                    }

                    CommitmentMapper wrongToken = new LedgerCommitmentMapper(new HttpLedgerClient(base, "wrong"));
                    assertThatThrownBy(() -> wrongToken.commitmentHex(PiiKind.EMAIL_ADDRESS, alice.email))
                            .isInstanceOf(CommitmentMapper.CommitmentUnavailableException.class)
                            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("alice").contains("email"));
                    assertThatThrownBy(() -> new HttpLedgerClient(URI.create(base + "/huge"), TOKEN).latestCheckpoint())
                            .isInstanceOf(IOException.class);
                    assertThatThrownBy(() -> new HttpLedgerClient(URI.create("file:///etc"), TOKEN))
                            .isInstanceOf(IllegalArgumentException.class);
                } finally {
                    server.stop(0);
                }
            }
        }
    }

    private static HttpServer standIn(LedgerFixture fixture) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/keys", ex -> reply(ex, 200, JSON.writeValueAsBytes(Map.of(
                "origin", LedgerFixture.ORIGIN, "checkpointVerifierKey", fixture.ledger.checkpointVerifier().encode(),
                "identityVerifierKey", fixture.ledger.verifierKey().hex(), "size", fixture.ledger.log().size()))));
        server.createContext("/v1/checkpoint", ex -> reply(ex, 200, fixture.ledger.log().latestCheckpoint()));
        server.createContext("/huge/v1/checkpoint", ex -> reply(ex, 200, new byte[2 << 20]));
        server.createContext("/v1/commitments", ex -> {
            if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                reply(ex, 401, "{}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            var request = JSON.readTree(ex.getRequestBody().readNBytes(16_384));
            IdentifierKind kind = IdentifierKind.fromLabel(request.get("kind").asString());
            try {
                String commitment = fixture.ledger.commitmentOf(fixture.ledger.normalize(kind, request.get("identifier").asString())).hex();
                reply(ex, 200, JSON.writeValueAsBytes(Map.of("kind", kind.label(), "commitment", commitment)));
            } catch (Exception e) {
                reply(ex, 400, "{}".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        return server;
    }

    private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }
}
