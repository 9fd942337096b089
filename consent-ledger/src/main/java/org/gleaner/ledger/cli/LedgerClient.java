package org.gleaner.ledger.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.ledger.LedgerEntry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The command line's client of the ledger REST API. Errors come back as {@link LedgerClientException} with the server's code. */
final class LedgerClient {
    private static final int MAX_RESPONSE = 4 << 20;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json = JsonMapper.builder().build();

    LedgerClient(String baseUrl) {
        URI uri;
        try {
            uri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        } catch (IllegalArgumentException e) {
            throw new LedgerClientException("not a URL: " + baseUrl);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new LedgerClientException("the ledger URL must be http or https");
        }
        this.base = uri;
    }

    JsonNode submit(Signed<LedgerEntry> entry) {
        return send(HttpRequest.newBuilder(base.resolve("v1/entries"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(entry.encode().toArray())));
    }

    JsonNode postJson(String path, Map<String, ?> body) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
    }

    JsonNode postText(String path, byte[] body) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    String getText(String path) {
        return new String(raw(HttpRequest.newBuilder(base.resolve(path)).GET()), StandardCharsets.UTF_8);
    }

    static List<byte[]> hashes(JsonNode array) {
        List<byte[]> out = new ArrayList<>();
        for (JsonNode node : array) {
            out.add(Base64.getDecoder().decode(node.asString()));
        }
        return out;
    }

    private JsonNode send(HttpRequest.Builder request) {
        return json.readTree(raw(request));
    }

    private byte[] raw(HttpRequest.Builder request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new LedgerClientException("cannot reach the ledger at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerClientException("interrupted");
        }
        byte[] body = response.body();
        if (body.length > MAX_RESPONSE) {
            throw new LedgerClientException("the ledger's response is too large");
        }
        if (response.statusCode() / 100 != 2) {
            String message;
            try {
                JsonNode problem = json.readTree(body);
                message = problem.path("code").asString() + " " + problem.path("message").asString();
            } catch (RuntimeException e) {
                message = "HTTP " + response.statusCode();
            }
            throw new LedgerClientException("the ledger refused: " + message.strip());
        }
        return body;
    }

    static final class LedgerClientException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LedgerClientException(String message) {
            super(message);
        }
    }
}
