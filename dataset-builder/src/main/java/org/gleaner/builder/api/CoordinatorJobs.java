package org.gleaner.builder.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * The coordinator's job API ({@code POST /v1/jobs}, {@code GET /v1/jobs/current}) reached on a lab's behalf
 * with the coordinator token this server holds: a lab authenticates with its lab key only, and the token
 * never reaches the browser.
 */
final class CoordinatorJobs {
    static final int MAX_BODY_BYTES = 64 * 1024;
    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    CoordinatorJobs(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    record Reply(int status, byte[] body) {
    }

    Reply submit(byte[] jobJson) {
        return send(HttpRequest.newBuilder(base.resolve("/v1/jobs")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jobJson)));
    }

    Reply current() {
        return send(HttpRequest.newBuilder(base.resolve("/v1/jobs/current")).GET());
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<InputStream> response = http.send(request.timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
                if (body.length > MAX_BODY_BYTES) {
                    throw new ApiProblem(HttpStatus.BAD_GATEWAY, "the coordinator's reply exceeds " + MAX_BODY_BYTES + " bytes");
                }
                return new Reply(response.statusCode(), body);
            }
        } catch (IOException e) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "the coordinator cannot be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "interrupted");
        }
    }

    @Override
    public String toString() {
        return "CoordinatorJobs[" + base + ", token redacted]";
    }
}
