package org.gleaner.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.gleaner.ledger.service.LedgerService;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The endpoints behind the subjects' page: drafts are signed by the client and the sequencer re-verifies
 * them (a draft signed for something else is refused); appearances come from the dataset builder's API,
 * here a stand-in HTTP server on 127.0.0.1 answering in the builder's format ({@code GET /v1/appearances},
 * module dataset-builder), with its bearer token; the OpenAPI document names every endpoint the page calls.
 */
class SubjectsApiIT {
    private static final String ORIGIN = "subjects-api.test/ledger";
    private static final String BUILDER_TOKEN = "builder-token-for-tests";

    @TempDir
    Path dir;
    private HttpServer builderStandIn;
    private final List<String> builderRequests = new ArrayList<>();
    private ConfigurableApplicationContext context;
    private String url;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void start() throws Exception {
        builderStandIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        builderStandIn.createContext("/v1/appearances", exchange -> {
            builderRequests.add(exchange.getRequestURI().getQuery());
            boolean authorized = ("Bearer " + BUILDER_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    && !exchange.getRequestURI().getQuery().equals("grant=" + "ee".repeat(32));
            byte[] body = (authorized
                    ? "{\"grant\":\"" + exchange.getRequestURI().getQuery().substring(6)
                            + "\",\"appearances\":[{\"dataset\":\"web-2026\",\"version\":\"v3\",\"rows\":17,\"superseded\":false}]}"
                    : "{\"code\":\"unauthorized\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(authorized ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        builderStandIn.start();
        Path tokenFile = dir.resolve("builder.token");
        Files.writeString(tokenFile, BUILDER_TOKEN + "\n");
        context = LedgerServiceApplication.start(
                "--server.address=127.0.0.1", "--server.port=0",
                "--gleaner.ledger.data-dir=" + dir.resolve("ledger"),
                "--gleaner.ledger.origin=" + ORIGIN,
                "--gleaner.ledger.datasets-url=http://127.0.0.1:" + builderStandIn.getAddress().getPort(),
                "--gleaner.ledger.datasets-token-file=" + tokenFile);
        url = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        builderStandIn.stop(0);
    }

    @Test
    void aDraftSignedByItsAuthorIsAppendedAndAnAlteredOneIsRefused() throws Exception {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        String keyHex = Bytes.of(key.publicKey().bytes()).hex();
        JsonNode draft = postJson("/v1/drafts/key-registration", Map.of("authorKey", keyHex)).body;
        assertThat(draft.path("recordType").asString()).isEqualTo("gleaner/ledger/key-registration/v1");
        byte[] record = Base64.getDecoder().decode(draft.path("record").asString());
        byte[] message = Base64.getDecoder().decode(draft.path("signingMessage").asString());

        // A signature over the draft's message, attached to a record with one byte changed, is refused.
        byte[] altered = record.clone();
        altered[altered.length - 20] ^= 1;
        assertThat(submit(altered, key.sign(message)).statusCode()).isEqualTo(422);
        assertThat(context.getBean(LedgerService.class).log().size()).isZero();

        HttpResponse<String> accepted = submit(record, key.sign(message));
        assertThat(accepted.statusCode()).isEqualTo(201);
        assertThat(context.getBean(LedgerService.class).log().state().subjectOfKey(Bytes.fromHex(keyHex))).isNotNull();
    }

    @Test
    void draftsRefuseBadInputWithAReason() throws Exception {
        String keyHex = Bytes.of(Ed25519KeyPair.generate().publicKey().bytes()).hex();
        Response unknownPurpose = postJson("/v1/drafts/grant", Map.of("authorKey", keyHex, "purposes", List.of("sell-it"),
                "licence", "CC-BY-4.0", "days", 30, "commitments", List.of("ab".repeat(32))));
        assertThat(unknownPurpose.status).isEqualTo(400);
        assertThat(unknownPurpose.body.path("message").asString()).contains("unknown purpose");
        Response nothingBound = postJson("/v1/drafts/grant", Map.of("authorKey", keyHex, "purposes", List.of("train-ai"),
                "licence", "CC-BY-4.0", "days", 30));
        assertThat(nothingBound.status).isEqualTo(400);
        assertThat(nothingBound.body.path("message").asString()).contains("no bound identifiers");
        assertThat(postJson("/v1/drafts/revocation", Map.of("authorKey", "xyz", "grantId", "00")).status).isEqualTo(400);
    }

    @Test
    void appearancesComeFromTheDatasetBuildersApiWithItsToken() throws Exception {
        String grant = "cd".repeat(32);
        JsonNode answer = json.readTree(get("/v1/grants/" + grant + "/appearances").body());
        assertThat(answer.path("configured").asBoolean()).isTrue();
        assertThat(answer.path("appearances").path("appearances").get(0).path("rows").asInt()).isEqualTo(17);
        assertThat(builderRequests).containsExactly("grant=" + grant);
        assertThat(get("/v1/grants/not-a-grant/appearances").statusCode()).isEqualTo(400);
        assertThat(builderRequests).hasSize(1);
        // When the builder refuses, the ledger says so rather than answering for it.
        HttpResponse<String> refused = get("/v1/grants/" + "ee".repeat(32) + "/appearances");
        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(json.readTree(refused.body()).path("code").asString()).isEqualTo("datasets-unavailable");
    }

    @Test
    void theOpenApiDocumentNamesThePagesEndpoints() throws Exception {
        String doc = get("/v3/api-docs").body();
        assertThat(doc).contains("/v1/drafts/key-registration", "/v1/drafts/grant", "/v1/drafts/revocation",
                "/v1/drafts/challenge-request", "/v1/grants/{grantId}/appearances", "/v1/purposes", "ChallengeStart");
        HttpResponse<String> page = get("/subjects/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"subjects.js\"");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("connect-src 'self'"));
    }

    private record Response(int status, JsonNode body) {
    }

    private Response postJson(String path, Map<String, ?> body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), json.readTree(response.body()));
    }

    private HttpResponse<String> submit(byte[] record, byte[] signature) throws Exception {
        byte[] body = new CanonicalWriter().bytes(record).fixed(Bytes.of(signature)).toByteArray();
        return http.send(HttpRequest.newBuilder(URI.create(url + "/v1/entries"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
