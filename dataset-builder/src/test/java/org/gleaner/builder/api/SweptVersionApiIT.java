package org.gleaner.builder.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.gleaner.builder.retention.RetentionPolicy;
import org.gleaner.builder.retention.SupersededSweeper;
import org.gleaner.builder.retention.SweepResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** After the retention sweep, a superseded version's files are 410 Gone while its signed manifest is still served. */
class SweptVersionApiIT {
    private static final String KEY = LabKeys.generateKey();

    @TempDir
    Path root;

    @Test
    void aSweptVersionsFilesAreGoneAndItsManifestStays() throws Exception {
        TestDatasets.publish(root);
        SweepResult swept = new SupersededSweeper(root.resolve("demo"), new RetentionPolicy(Duration.ZERO, 0),
                Clock.offset(Clock.systemUTC(), Duration.ofDays(1))).sweep();
        assertThat(swept.sweptVersions()).containsExactly("1");
        try (DatasetApiServer server = DatasetApiServer.start(DatasetApiSettings.of(root, LabKeys.of(Map.of("lab-a", KEY))))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> file = http.send(HttpRequest.newBuilder(URI.create(server.baseUri()
                    + "/v1/datasets/demo/versions/1/files/part-00000.parquet")).header("Authorization", "Bearer " + KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(file.statusCode()).isEqualTo(410);
            assertThat(file.body()).contains("pull v1-d000001");
            HttpResponse<String> manifest = http.send(HttpRequest.newBuilder(URI.create(server.baseUri()
                    + "/v1/datasets/demo/versions/1/manifest")).header("Authorization", "Bearer " + KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(manifest.statusCode()).isEqualTo(200);
            HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create(server.baseUri()
                    + "/v1/datasets/demo/versions/1-d000001/files/part-00000.parquet")).header("Authorization", "Bearer " + KEY)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);

            String doc = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/v3/api-docs")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            JsonNode api = new ObjectMapper().readTree(doc);
            assertThat(api.at("/paths/~1v1~1datasets~1{dataset}~1versions~1{version}~1files~1{path}/get/responses").has("410"))
                    .as("the OpenAPI document names the 410").isTrue();
            JsonNode summary = api.at("/components/schemas/DeltaSummary/properties");
            assertThat(summary.has("format") && summary.has("redactedRows") && summary.has("removedRows"))
                    .as("the OpenAPI document describes the v2 delta summary: " + summary).isTrue();
        }
    }
}
