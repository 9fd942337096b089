package org.gleaner.node.operator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.nodeapi.NodeApiRequest;
import org.gleaner.protocol.reward.StatementBundle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads this node's credits, penalties and latest epoch statement from the coordinator's REST API, each request
 * signed by the node's key ({@link NodeApiRequest}). Answers are size-capped and parsed strictly.
 */
public final class CoordinatorApiClient {
    private static final int MAX_JSON = 64 * 1024;
    private static final int MAX_REASONS = 64;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final Ed25519KeyPair key;
    private final String origin;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public CoordinatorApiClient(String baseUrl, Ed25519KeyPair key, String origin, Clock clock) {
        URI uri = URI.create(baseUrl);
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("the coordinator API must be an http(s) URL with a host");
        }
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.key = key;
        this.origin = origin;
        this.clock = clock;
    }

    /** The coordinator's view of this node; empty if it has seen no contribution from it yet. */
    public Optional<NodeCreditsView> credits() throws IOException, InterruptedException {
        Answer answer = get("/v1/nodes/" + key.publicKey().fingerprint(), MAX_JSON);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        answer.requireOk();
        try {
            JsonNode root = JSON.readTree(answer.body());
            return Optional.of(new NodeCreditsView(root.required("creditedPages").asLong(), root.required("creditedBytes").asLong(),
                    reasons(root.path("refusals")), reasons(root.path("fraudSignals"))));
        } catch (RuntimeException e) {
            throw new IOException("the coordinator's node stats did not parse: " + e.getClass().getSimpleName());
        }
    }

    /** This node's statement of the last closed epoch; empty if no epoch closed with it yet. */
    public Optional<StatementBundle> latestStatement() throws IOException, InterruptedException {
        Answer answer = get("/v1/nodes/" + key.publicKey().fingerprint() + "/statement", StatementBundle.MAX_ENCODED);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        answer.requireOk();
        try {
            return Optional.of(StatementBundle.decode(answer.body()));
        } catch (MalformedRecordException e) {
            throw new IOException("the coordinator sent a malformed statement: " + e.getMessage());
        }
    }

    private static Map<String, NodeCreditsView.Reason> reasons(JsonNode node) {
        Map<String, NodeCreditsView.Reason> out = new TreeMap<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isObject() || node.size() > MAX_REASONS) {
            throw new IllegalArgumentException("reasons must be an object of at most " + MAX_REASONS);
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getKey().matches("G\\d{3}")) {
                throw new IllegalArgumentException("not a reason code");
            }
            String description = e.getValue().path("description").asString("");
            out.put(e.getKey(), new NodeCreditsView.Reason(e.getKey(),
                    description.length() > 200 ? description.substring(0, 200) : description, e.getValue().path("count").asLong()));
        }
        return out;
    }

    private Answer get(String path, int maxBytes) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(5))
                .header("Authorization", NodeApiRequest.authorization(key, origin, path, clock.millis())).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw new IOException("the coordinator's answer is over " + maxBytes + " bytes");
            }
            return new Answer(response.statusCode(), body);
        }
    }

    private record Answer(int status, byte[] body) {
        void requireOk() throws IOException {
            if (status != 200) {
                String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", " ");
                throw new IOException("the coordinator answered " + status + (status == 401 || status == 403
                        ? " (it did not accept this node's signature; is --origin right?)" : "") + ": " + text);
            }
        }
    }
}
