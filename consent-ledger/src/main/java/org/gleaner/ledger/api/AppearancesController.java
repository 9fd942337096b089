package org.gleaner.ledger.api;

import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.gleaner.ledger.api.ApiModels.Appearances;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a grant's rows appear: asks the dataset builder's API ({@code GET /v1/appearances?grant=}) configured
 * with {@code gleaner.ledger.datasets-url}, and passes its answer through. Without that setting it says so;
 * it never answers on the builder's behalf.
 */
@RestController
class AppearancesController {
    private static final int MAX_RESPONSE = 256 * 1024;

    private final URI datasets;
    private final String token;
    private final RateLimits limits;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json = JsonMapper.builder().build();

    AppearancesController(LedgerProperties properties, RateLimits limits) throws IOException {
        String url = properties.datasetsUrl().strip();
        this.datasets = url.isEmpty() ? null : URI.create(url.endsWith("/") ? url : url + "/");
        if (datasets != null && !"http".equals(datasets.getScheme()) && !"https".equals(datasets.getScheme())) {
            throw new IllegalStateException("gleaner.ledger.datasets-url must be http or https");
        }
        this.token = properties.datasetsTokenFile().isBlank() ? null
                : Files.readString(Path.of(properties.datasetsTokenFile()), StandardCharsets.UTF_8).strip();
        this.limits = limits;
    }

    @Operation(summary = "Which datasets and versions hold rows carrying this grant, from the dataset builder's API"
            + " (configured: false when the ledger was started without a datasets URL)")
    @GetMapping("/v1/grants/{grantId}/appearances")
    Appearances appearances(@PathVariable("grantId") String grantId) throws InterruptedException {
        LedgerController.hexKey(grantId);
        if (datasets == null) {
            return new Appearances(false, null, null,
                    "this ledger was started without --datasets-url, so it cannot tell where data appears");
        }
        limits.appearances();
        HttpRequest.Builder request = HttpRequest.newBuilder(datasets.resolve("v1/appearances?grant=" + grantId))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_RESPONSE + 1);
            }
            if (response.statusCode() != 200 || body.length > MAX_RESPONSE) {
                throw new DatasetsUnavailableException("the dataset builder answered HTTP " + response.statusCode()
                        + (body.length > MAX_RESPONSE ? " with an oversized body" : ""));
            }
            return new Appearances(true, datasets.toString(), json.readTree(body), "");
        } catch (IOException | RuntimeException e) {
            if (e instanceof DatasetsUnavailableException d) {
                throw d;
            }
            throw new DatasetsUnavailableException("the dataset builder at " + datasets + " could not be asked");
        }
    }

    static final class DatasetsUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DatasetsUnavailableException(String message) {
            super(message);
        }
    }
}
