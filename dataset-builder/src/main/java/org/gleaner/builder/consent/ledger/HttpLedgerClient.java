package org.gleaner.builder.consent.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.gleaner.protocol.ledger.IdentifierKind;
import org.gleaner.protocol.note.SignedNote;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The builder's client of the ledger service's REST API: {@code GET /v1/checkpoint} (public) and
 * {@code POST /v1/commitments} (bearer token, rate-limited by the ledger). Responses are size-limited; the
 * checkpoint is verified by the consent view, not trusted here; the token and identifiers are never logged.
 */
public final class HttpLedgerClient implements CheckpointSource, LedgerCommitments {
    private static final int MAX_JSON = 16 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** @param token the bearer token the ledger issued to this builder for commitment lookups (may be null: no lookups) */
    public HttpLedgerClient(URI base, String token) {
        Objects.requireNonNull(base, "base");
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
            throw new IllegalArgumentException("the ledger URL must be http or https");
        }
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.token = token;
    }

    /** What {@code GET /v1/keys} says. Only the trust anchor configured out of band (the checkpoint key) is trusted. */
    public record LedgerKeys(String origin, String checkpointVerifierKey, String identityVerifierKey) {
    }

    public LedgerKeys keys() throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/keys")).timeout(Duration.ofSeconds(15)).GET().build();
        try {
            JsonNode n = JSON.readTree(send(request, MAX_JSON));
            return new LedgerKeys(n.required("origin").asString(), n.required("checkpointVerifierKey").asString(),
                    n.required("identityVerifierKey").asString());
        } catch (tools.jackson.core.JacksonException e) {
            throw new IOException("the ledger's /v1/keys answer is malformed");
        }
    }

    @Override
    public byte[] latestCheckpoint() throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/checkpoint")).timeout(Duration.ofSeconds(15)).GET().build();
        return send(request, SignedNote.MAX_NOTE_BYTES);
    }

    @Override
    public String commitmentHex(IdentifierKind kind, String identifier) throws IOException {
        if (token == null || token.isBlank()) {
            throw new IOException("no commitment lookup token configured");
        }
        byte[] body = JSON.writeValueAsBytes(Map.of("kind", kind.label(), "identifier", identifier));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/commitments")).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        JsonNode answer;
        try {
            answer = JSON.readTree(send(request, MAX_JSON));
        } catch (tools.jackson.core.JacksonException e) {
            throw new IOException("the ledger's commitment answer is not JSON");
        }
        JsonNode commitment = answer.get("commitment");
        if (commitment == null || !commitment.isString()) {
            throw new IOException("the ledger's commitment answer has no commitment");
        }
        return commitment.asString();
    }

    private byte[] send(HttpRequest request, int max) throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new IOException(request.uri().getPath() + " answered more than " + max + " bytes");
            }
            if (response.statusCode() != 200) {
                throw new IOException(request.uri().getPath() + " answered HTTP " + response.statusCode());
            }
            return bytes;
        }
    }
}
