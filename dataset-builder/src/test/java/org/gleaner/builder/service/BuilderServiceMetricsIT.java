package org.gleaner.builder.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.gleaner.builder.convert.SkipReason;
import org.gleaner.builder.extract.MainTextExtractor;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.ManifestVerifier;
import org.gleaner.builder.revocation.LedgerFixture;
import org.gleaner.builder.revocation.PeopleText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's figures as a Prometheus scraper sees them, over HTTP, against a real broker and a real ledger: a
 * build of 12 pages with one repeated URL and one repeated text, then a revocation re-redacting two of its rows.
 */
class BuilderServiceMetricsIT {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aScrapeShowsTheBuildAndTheDeltaTheServicePublished() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (BuilderServiceFixture fixture = BuilderServiceFixture.start(dir);
                MetricsEndpoint endpoint = MetricsEndpoint.start(MetricsAddress.parse("127.0.0.1:0"), registry)) {
            LedgerFixture.Subject alice = fixture.ledger.subject("alice@people.example");
            String grant = alice.grant("train-ai");
            fixture.produce(0, 12, alice.email);
            fixture.send("https://people.example/s/3", "Again", "A different text under a URL already read.");
            fixture.send("https://people.example/copy", "Copy", PeopleText.paragraph(7));

            assertThat(scrape(endpoint)).as("no service yet").doesNotContainKey("gleaner_builder_builds_started_total");

            Path people = fixture.people();
            fixture.startService(new MainTextExtractor(), Duration.ofMinutes(5), registry);
            fixture.awaitOrFail(() -> Files.exists(people.resolve("v1/manifest.json")));
            fixture.awaitOrFail(() -> scrapeOrEmpty(endpoint).getOrDefault("gleaner_builder_builds_published_total", 0.0) == 1);
            DatasetManifest v1 = new ManifestVerifier(fixture.signer.verifier()).verify(people.resolve("v1"));

            Map<String, Double> built = scrape(endpoint);
            assertThat(v1.rows()).isEqualTo(12);
            assertThat(built).containsEntry("gleaner_builder_builds_started_total", 1.0)
                    .containsEntry("gleaner_builder_builds_failed_total", 0.0)
                    .containsEntry("gleaner_builder_rows_written_total", (double) v1.rows())
                    .containsEntry("gleaner_builder_records_read_total", 14.0)
                    .containsEntry("gleaner_builder_pages_skipped_total{reason=\"duplicate_url\"}", 1.0)
                    .containsEntry("gleaner_builder_pages_skipped_total{reason=\"exact_duplicate\"}", 1.0)
                    .containsEntry("gleaner_builder_build_duration_seconds_count", 1.0)
                    .containsEntry("gleaner_builder_dataset_version", 1.0)
                    .containsEntry("gleaner_builder_consent_source_available", 1.0);
            for (SkipReason r : SkipReason.values()) {
                if (r != SkipReason.DUPLICATE_URL && r != SkipReason.EXACT_DUPLICATE) {
                    assertThat(built).containsEntry("gleaner_builder_pages_skipped_total{reason=\""
                            + r.name().toLowerCase(java.util.Locale.ROOT) + "\"}", 0.0);
                }
            }
            assertThat(built.get("gleaner_builder_build_duration_seconds_sum")).isPositive();

            alice.revoke(grant);
            fixture.awaitOrFail(() -> scrapeOrEmpty(endpoint).getOrDefault("gleaner_builder_deltas_published_total", 0.0) == 1);
            Map<String, Double> revoked = scrape(endpoint);
            assertThat(revoked).containsEntry("gleaner_builder_revocations_seen_total", 1.0)
                    .containsEntry("gleaner_builder_delta_rows_redacted_total", 2.0)
                    .containsEntry("gleaner_builder_delta_rows_removed_total", 0.0)
                    .containsEntry("gleaner_builder_versions_compacted_total", 1.0)
                    .containsEntry("gleaner_builder_revocation_publish_latency_seconds_count", 1.0)
                    .containsEntry("gleaner_builder_dataset_version", 1.0);
            String text = http.send(HttpRequest.newBuilder(URI.create(endpoint.url())).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(text).as("no URL, address or grant in any label").doesNotContain("people.example", "alice", grant);

            fixture.stopService();
            assertThat(fixture.failure()).isNull();
        } finally {
            registry.close();
        }
    }

    private Map<String, Double> scrapeOrEmpty(MetricsEndpoint endpoint) {
        try {
            return scrape(endpoint);
        } catch (Exception e) {
            return Map.of();
        }
    }

    /** Each sample line as {@code name{labels}} to its value. */
    private Map<String, Double> scrape(MetricsEndpoint endpoint) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoint.url())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        r.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> {
            int space = l.lastIndexOf(' ');
            samples.put(l.substring(0, space), Double.parseDouble(l.substring(space + 1)));
        });
        return samples;
    }
}
