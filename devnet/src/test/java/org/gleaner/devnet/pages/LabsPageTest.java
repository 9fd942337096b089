package org.gleaner.devnet.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabsPageTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(URI uri, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheLabsPageAndAcceptsOnlyTheRunsKey(@TempDir Path runDir) throws Exception {
        try (LabsPage labs = LabsPage.start(runDir.resolve("datasets"), runDir.resolve("labs"))) {
            assertThat(labs.apiUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(Files.getPosixFilePermissions(labs.keyFile()))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(Files.readString(runDir.resolve("labs").resolve(LabsPage.KEYS_FILE))).doesNotContain(labs.key());

            HttpResponse<String> page = get(labs.pageUrl(), null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("text/html"));

            URI datasets = URI.create(labs.apiUrl() + "/v1/datasets");
            assertThat(get(datasets, labs.key()).statusCode()).isEqualTo(200);
            assertThat(get(datasets, "glk_not-the-runs-key").statusCode()).isEqualTo(401);
            assertThat(get(datasets, null).statusCode()).isEqualTo(401);
        }
    }
}
