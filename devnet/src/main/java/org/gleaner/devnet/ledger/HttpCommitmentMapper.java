package org.gleaner.devnet.ledger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.gleaner.builder.pii.CommitmentMapper;
import org.gleaner.builder.pii.PiiKind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The builder's {@link CommitmentMapper} over the ledger's authenticated commitment service
 * ({@code POST /v1/commitments} with a bearer token). The builder never holds the commitment key.
 */
public final class HttpCommitmentMapper implements CommitmentMapper {
    /**
     * IP addresses and social handles cannot be bound on the ledger (it knows domains, email addresses and
     * phone numbers), so no grant can ever name them: they get a commitment no binding can have.
     */
    static final String UNBINDABLE = "0".repeat(64);
    private static final int MAX_RESPONSE = 4096;

    private final URI endpoint;
    private final String bearerToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json = JsonMapper.builder().build();

    public HttpCommitmentMapper(String ledgerUrl, String bearerToken) {
        this.endpoint = URI.create(ledgerUrl + "/v1/commitments");
        this.bearerToken = bearerToken;
    }

    /** The mapper the devnet's builder uses against its in-process ledger. */
    public static HttpCommitmentMapper of(DevnetLedger ledger) {
        return new HttpCommitmentMapper(ledger.url(), ledger.lookupToken());
    }

    @Override
    public String commitmentHex(PiiKind kind, String normalizedValue) throws CommitmentUnavailableException {
        String label = switch (kind) {
            case EMAIL_ADDRESS -> "email";
            case PHONE_NUMBER -> "phone";
            case IP_ADDRESS, SOCIAL_HANDLE -> null;
        };
        if (label == null) {
            return UNBINDABLE;
        }
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + bearerToken)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                            Map.of("kind", label, "identifier", normalizedValue))))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || response.body().length > MAX_RESPONSE) {
                // The status only: the identifier must not reach logs or messages.
                throw new CommitmentUnavailableException("the commitment service answered HTTP " + response.statusCode(), null);
            }
            JsonNode body = json.readTree(response.body());
            String commitment = body.path("commitment").asString();
            if (commitment == null || !commitment.matches("[0-9a-f]{64}")) {
                throw new CommitmentUnavailableException("the commitment service answered without a commitment", null);
            }
            return commitment;
        } catch (IOException e) {
            throw new CommitmentUnavailableException("the commitment service is unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommitmentUnavailableException("interrupted", e);
        }
    }
}
