package org.gleaner.builder.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The metrics endpoint over real HTTP on 127.0.0.1: Prometheus text on GET /metrics, nothing else. */
class MetricsEndpointTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient http = HttpClient.newHttpClient();
    private MetricsEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        registry.counter("gleaner.builder.test.events").increment(3);
        endpoint = MetricsEndpoint.start(MetricsAddress.parse("127.0.0.1:0"), registry);
    }

    @AfterEach
    void stop() {
        endpoint.close();
        registry.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesPrometheusTextOnGet() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(endpoint.url())));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(MetricsEndpoint.CONTENT_TYPE);
        assertThat(r.body()).contains("# TYPE gleaner_builder_test_events_total counter")
                .contains("gleaner_builder_test_events_total 3.0");
        assertThat(endpoint.url()).startsWith("http://127.0.0.1:").endsWith("/metrics");
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create(endpoint.url()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void refusesOtherMethodsPathsAndBodies() throws Exception {
        HttpResponse<String> post = send(HttpRequest.newBuilder(URI.create(endpoint.url()))
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        HttpResponse<String> delete = send(HttpRequest.newBuilder(URI.create(endpoint.url())).DELETE());
        HttpResponse<String> getWithBody = send(HttpRequest.newBuilder(URI.create(endpoint.url()))
                .method("GET", HttpRequest.BodyPublishers.ofString("a body")));
        String base = endpoint.url().substring(0, endpoint.url().length() - "/metrics".length());
        HttpResponse<String> elsewhere = send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")));

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(getWithBody.statusCode()).isEqualTo(413);
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(post.body() + delete.body() + getWithBody.body() + elsewhere.body()).doesNotContain("gleaner_builder");
    }

    @Test
    void refusesARequestWhoseHostIsNotLoopback() throws Exception {
        try (java.net.Socket socket = new java.net.Socket(endpoint.address().getAddress(), endpoint.address().getPort())) {
            socket.getOutputStream().write(("GET /metrics HTTP/1.1\r\nHost: rebound.example:" + endpoint.address().getPort()
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 421").doesNotContain("gleaner_builder_test_events_total");
        }
    }
}
