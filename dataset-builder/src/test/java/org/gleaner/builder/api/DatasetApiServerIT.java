package org.gleaner.builder.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gleaner.builder.manifest.ManifestJson;
import org.gleaner.builder.manifest.ManifestSignature;
import org.gleaner.builder.revocation.DeltaVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The dataset API on a real server over real Parquet files, manifests and signatures. */
class DatasetApiServerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = LabKeys.generateKey();
    private static final String OTHER_KEY = LabKeys.generateKey();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path root;
    static TestDatasets published;
    static DatasetApiServer server;

    @BeforeAll
    static void start() throws Exception {
        published = TestDatasets.publish(root);
        server = DatasetApiServer.start(DatasetApiSettings.of(root, LabKeys.of(Map.of("lab-a", KEY, "lab-b", OTHER_KEY)))
                .withRateLimit(1_000, Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyCallNeedsAValidLabKey() throws Exception {
        HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(uri("/v1/datasets")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = get("/v1/datasets", "glk_" + "A".repeat(43));
        HttpResponse<String> notBearer = HTTP.send(HttpRequest.newBuilder(uri("/v1/datasets")).header("Authorization", "Basic " + KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> file = get("/v1/datasets/demo/versions/2/files/part-00000.parquet", "nope");

        assertThat(List.of(none.statusCode(), wrong.statusCode(), notBearer.statusCode(), file.statusCode())).containsOnly(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(none.body()).contains("a valid lab key is required").doesNotContain(KEY);
        assertThat(get("/v1/datasets", OTHER_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void listsDatasetsWithTheirLatestUnsupersededVersion() throws Exception {
        JsonNode body = json(get("/v1/datasets", KEY));

        List<String> listed = new ArrayList<>();
        body.get("datasets").forEach(d -> listed.add(d.toString()));
        // "broken", "linked" and "other" may be there too, published by other tests of this class
        assertThat(listed).filteredOn(d -> !d.contains("broken") && !d.contains("linked") && !d.contains("other")).containsExactly(
                "{\"name\":\"demo\",\"versions\":3,\"latestVersion\":\"2\"}", "{\"name\":\"news\",\"versions\":1,\"latestVersion\":\"1\"}");
    }

    @Test
    void listsPublishedVersionsWithSupersededStatusAndNeverAnUnpublishedOne() throws Exception {
        JsonNode versions = json(get("/v1/datasets/demo/versions", KEY)).get("versions");

        assertThat(versions).hasSize(3);
        assertThat(versions.get(0).get("version").asString()).isEqualTo("1");
        assertThat(versions.get(0).get("superseded").asBoolean()).isTrue();
        assertThat(versions.get(0).get("supersededBy").asString()).as("from superseded.json").isEqualTo("1-d000001");
        assertThat(versions.get(0).get("rows").asLong()).isEqualTo(10);
        assertThat(versions.get(1).get("version").asString()).as("the compacted version sorts after its base").isEqualTo("1-d000001");
        assertThat(versions.get(1).get("superseded").asBoolean()).isFalse();
        assertThat(versions.get(1).get("rows").asLong()).isEqualTo(9);
        assertThat(versions.get(2).get("version").asString()).isEqualTo("2");
        assertThat(versions.get(2).get("superseded").asBoolean()).isFalse();
        assertThat(versions.get(2).get("supersedes").asString()).isEqualTo("1");
        assertThat(versions.get(2).get("rows").asLong()).isEqualTo(6);
        assertThat(get("/v1/datasets/demo/versions/3/manifest", KEY).statusCode()).isEqualTo(404);
        assertThat(get("/v1/datasets/demo/versions/3/files/part-00000.parquet", KEY).statusCode()).isEqualTo(404);
        assertThat(get("/v1/datasets/absent/versions", KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void servesTheManifestByteForByteWithASignatureThatVerifies() throws Exception {
        byte[] manifest = getBytes("/v1/datasets/demo/versions/2/manifest", KEY).body();
        byte[] signature = getBytes("/v1/datasets/demo/versions/2/manifest.sig", KEY).body();

        assertThat(manifest).isEqualTo(Files.readAllBytes(root.resolve("demo/v2/manifest.json")));
        ManifestSignature.verify(ManifestJson.decode(manifest), manifest, signature, published.signer().verifier());
        assertThat(new String(getBytes("/v1/datasets/demo/versions/2/card", KEY).body())).startsWith("---\n").contains("pretty_name");
    }

    @Test
    void downloadsAWholeFileWithItsSha256AsETag() throws Exception {
        byte[] onDisk = Files.readAllBytes(root.resolve("demo/v1/part-00000.parquet"));
        HttpResponse<byte[]> whole = getBytes("/v1/datasets/demo/versions/1/files/part-00000.parquet", KEY);

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(onDisk);
        assertThat(whole.headers().firstValue("ETag")).hasValue("\"" + DeltaStore.sha256(onDisk) + "\"");
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("application/vnd.apache.parquet");
    }

    @Test
    void servesSingleByteRanges() throws Exception {
        String path = "/v1/datasets/demo/versions/1/files/part-00000.parquet";
        byte[] onDisk = Files.readAllBytes(root.resolve("demo/v1/part-00000.parquet"));
        int n = onDisk.length;
        String etag = "\"" + DeltaStore.sha256(onDisk) + "\"";

        HttpResponse<byte[]> middle = getBytes(path, KEY, "Range", "bytes=10-19");
        HttpResponse<byte[]> open = getBytes(path, KEY, "Range", "bytes=" + (n - 7) + "-");
        HttpResponse<byte[]> suffix = getBytes(path, KEY, "Range", "bytes=-4");
        HttpResponse<byte[]> pastEnd = getBytes(path, KEY, "Range", "bytes=" + n + "-");
        HttpResponse<byte[]> clamped = getBytes(path, KEY, "Range", "bytes=" + (n - 2) + "-" + (n + 100));
        HttpResponse<byte[]> several = getBytes(path, KEY, "Range", "bytes=0-1,5-6");
        HttpResponse<byte[]> staleIfRange = getBytes(path, KEY, "Range", "bytes=0-9", "If-Range", "\"" + "0".repeat(64) + "\"");
        HttpResponse<byte[]> freshIfRange = getBytes(path, KEY, "Range", "bytes=0-9", "If-Range", etag);
        HttpResponse<byte[]> notModified = getBytes(path, KEY, "If-None-Match", etag);

        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(onDisk, 10, 20));
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 10-19/" + n);
        assertThat(open.statusCode()).isEqualTo(206);
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(onDisk, n - 7, n));
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(onDisk, n - 4, n));
        assertThat(pastEnd.statusCode()).isEqualTo(416);
        assertThat(pastEnd.headers().firstValue("Content-Range")).hasValue("bytes */" + n);
        assertThat(clamped.body()).isEqualTo(Arrays.copyOfRange(onDisk, n - 2, n));
        assertThat(several.statusCode()).isEqualTo(200);
        assertThat(several.body()).isEqualTo(onDisk);
        assertThat(staleIfRange.statusCode()).isEqualTo(200);
        assertThat(staleIfRange.body()).isEqualTo(onDisk);
        assertThat(freshIfRange.statusCode()).isEqualTo(206);
        assertThat(notModified.statusCode()).isEqualTo(304);
    }

    @Test
    void servesOnlyFilesTheManifestNames() throws Exception {
        assertThat(Files.exists(root.resolve("demo/v1/notes.txt"))).isTrue();
        List<Integer> statuses = new ArrayList<>();
        for (String path : List.of("notes.txt", "manifest.json", "superseded.json", "../v2/part-00000.parquet",
                "%2e%2e/v2/part-00000.parquet", "..%2f..%2fdemo%2fv2%2fmanifest.json", "/etc/passwd", "")) {
            statuses.add(getBytes("/v1/datasets/demo/versions/1/files/" + path, KEY).statusCode());
        }
        assertThat(statuses).allSatisfy(s -> assertThat(s).isIn(400, 404));
        assertThat(getBytes("/v1/datasets/..%2f..%2f/versions/1/manifest", KEY).statusCode()).isIn(400, 404);
        assertThat(getBytes("/v1/datasets/demo/versions/..%2fv2/manifest", KEY).statusCode()).isIn(400, 404);
    }

    @Test
    void aFileThatNoLongerMatchesItsManifestSizeIsNotServed() throws Exception {
        published.publish("broken", "1", 0, 3, null);
        Files.write(root.resolve("broken/v1/part-00000.parquet"), new byte[] {1, 2, 3});

        HttpResponse<String> response = get("/v1/datasets/broken/versions/1/files/part-00000.parquet", KEY);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("does not match the manifest");
    }

    @Test
    void aPublishedFileReplacedByASymbolicLinkIsNotServed() throws Exception {
        published.publish("linked", "1", 0, 3, null);
        Path file = root.resolve("linked/v1/part-00000.parquet");
        Path outside = Files.copy(file, root.getParent().resolve("outside-" + root.getFileName() + ".parquet"));
        Files.delete(file);
        Files.createSymbolicLink(file, outside);
        try {
            HttpResponse<String> response = get("/v1/datasets/linked/versions/1/files/part-00000.parquet", KEY);

            assertThat(response.statusCode()).isEqualTo(409);
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void listsDeletionDeltasALabHoldingAVersionNeeds() throws Exception {
        JsonNode sinceOne = json(get("/v1/datasets/demo/deltas?since=1", KEY)).get("deltas");
        JsonNode sinceTwo = json(get("/v1/datasets/demo/deltas?since=2", KEY)).get("deltas");

        assertThat(sinceOne).hasSize(1);
        JsonNode delta = sinceOne.get(0);
        assertThat(delta.get("sequence").asLong()).isEqualTo(1);
        assertThat(delta.get("affectedVersions").toString()).isEqualTo("[\"1\"]");
        assertThat(delta.get("compactedVersions").toString()).isEqualTo("[\"1-d000001\"]");
        assertThat(delta.get("revokedGrantIds").toString()).isEqualTo("[\"" + TestDatasets.grant("grant-8") + "\"]");
        assertThat(delta.get("removedRows").asLong()).isEqualTo(1);
        assertThat(json(get("/v1/datasets/demo/deltas?since=1-d000001", KEY)).get("deltas")).as("the compacted version needs none").isEmpty();
        assertThat(sinceTwo).isEmpty();
        byte[] bytes = getBytes(delta.get("url").asString(), KEY).body();
        assertThat(bytes).isEqualTo(Files.readAllBytes(root.resolve("demo/deltas/delta-000001.json")));
        assertThat(DeltaStore.sha256(bytes)).isEqualTo(delta.get("sha256").asString());
        assertThat(new String(getBytes(delta.get("signatureUrl").asString(), KEY).body())).startsWith("gleaner-deletion-delta/v1\ndemo/delta-000001\n");
        DeltaVerifier verifier = new DeltaVerifier(published.signer().verifier());
        assertThat(verifier.verify(root.resolve("demo/deltas/delta-000001.json")).revokedGrantIds()).containsExactly(TestDatasets.grant("grant-8"));
        assertThat(get("/v1/datasets/demo/deltas/7", KEY).statusCode()).isEqualTo(404);
        assertThat(get("/v1/datasets/demo/deltas?since=../x", KEY).statusCode()).isEqualTo(400);
    }

    @Test
    void aDeltaWithoutItsSignatureOrForAnotherSequenceIsNotListed() throws Exception {
        published.publish("other", "1", 0, 4, null);
        published.revoke("other", TestDatasets.grant("grant-2"));
        Path deltas = root.resolve("other/deltas");
        byte[] real = Files.readAllBytes(deltas.resolve("delta-000001.json"));
        byte[] realSig = Files.readAllBytes(deltas.resolve("delta-000001.json.sig"));
        Files.write(deltas.resolve("delta-000002.json"), real);
        Files.write(deltas.resolve("delta-000002.json.sig"), realSig);
        Files.write(deltas.resolve("delta-000003.json"), real);
        Files.write(deltas.resolve("delta-000004.json"), new String(real, StandardCharsets.UTF_8).replace(",", ", ").getBytes(StandardCharsets.UTF_8));
        Files.write(deltas.resolve("delta-000004.json.sig"), realSig);
        Files.createDirectories(root.resolve("news/deltas"));
        Files.write(root.resolve("news/deltas/delta-000001.json"), real);
        Files.write(root.resolve("news/deltas/delta-000001.json.sig"), realSig);

        JsonNode listed = json(get("/v1/datasets/other/deltas", KEY)).get("deltas");

        assertThat(listed).as("2 holds sequence 1, 3 has no signature, 4 is not canonical").hasSize(1);
        assertThat(listed.get(0).get("sequence").asLong()).isEqualTo(1);
        assertThat(json(get("/v1/datasets/news/deltas", KEY)).get("deltas")).as("a delta of another dataset").isEmpty();
    }

    @Test
    void countsTheRowsCarryingAGrantPerDatasetVersion() throws Exception {
        JsonNode shared = json(get("/v1/appearances?grant=" + TestDatasets.grant("grant-x"), KEY));
        JsonNode one = json(get("/v1/appearances?grant=" + TestDatasets.grant("grant-4"), KEY));
        JsonNode none = json(get("/v1/appearances?grant=" + TestDatasets.grant("grant-5"), KEY));

        List<String> sharedRows = new ArrayList<>();
        shared.get("appearances").forEach(a -> sharedRows.add(a.toString()));
        assertThat(sharedRows).filteredOn(a -> !a.contains("\"other\"")).containsExactly(
                "{\"dataset\":\"demo\",\"version\":\"1\",\"rows\":5,\"superseded\":true}",
                "{\"dataset\":\"demo\",\"version\":\"1-d000001\",\"rows\":4,\"superseded\":false}",
                "{\"dataset\":\"demo\",\"version\":\"2\",\"rows\":3,\"superseded\":false}",
                "{\"dataset\":\"news\",\"version\":\"1\",\"rows\":2,\"superseded\":false}");
        assertThat(one.get("appearances")).hasSize(3);
        assertThat(none.get("appearances")).isEmpty();
        assertThat(get("/v1/appearances?grant=%3Cscript%3E", KEY).statusCode()).isEqualTo(400);
        assertThat(get("/v1/appearances", KEY).statusCode()).isEqualTo(400);
    }

    @Test
    void rateLimitsEachLabKeySeparatelyWithRetryAfter() throws Exception {
        try (DatasetApiServer limited = DatasetApiServer.start(DatasetApiSettings.of(root, LabKeys.of(Map.of("lab-a", KEY, "lab-b", OTHER_KEY)))
                .withRateLimit(3, Duration.ofHours(1)))) {
            List<Integer> statuses = new ArrayList<>();
            HttpResponse<String> last = null;
            for (int i = 0; i < 4; i++) {
                last = HTTP.send(HttpRequest.newBuilder(limited.baseUri().resolve("/v1/datasets")).header("Authorization", "Bearer " + KEY).build(),
                        HttpResponse.BodyHandlers.ofString());
                statuses.add(last.statusCode());
            }
            HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(limited.baseUri().resolve("/v1/datasets"))
                    .header("Authorization", "Bearer " + OTHER_KEY).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(statuses).containsExactly(200, 200, 200, 429);
            assertThat(last.headers().firstValue("Retry-After")).hasValue("3600");
            assertThat(other.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void jobCallsWithoutACoordinatorAreRefusedPlainly() throws Exception {
        HttpResponse<String> response = get("/v1/jobs/current", KEY);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("no coordinator configured");
    }

    @Test
    void theOpenApiDocumentDescribesEveryRouteAndTheLabKey() throws Exception {
        JsonNode doc = json(HTTP.send(HttpRequest.newBuilder(uri("/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString()));

        List<String> paths = new ArrayList<>();
        doc.get("paths").propertyNames().forEach(paths::add);
        assertThat(paths).containsExactlyInAnyOrder("/v1/datasets", "/v1/datasets/{dataset}/versions",
                "/v1/datasets/{dataset}/versions/{version}/files", "/v1/datasets/{dataset}/versions/{version}/manifest",
                "/v1/datasets/{dataset}/versions/{version}/manifest.sig", "/v1/datasets/{dataset}/versions/{version}/card",
                "/v1/datasets/{dataset}/versions/{version}/files/{path}", "/v1/datasets/{dataset}/deltas",
                "/v1/datasets/{dataset}/deltas/{sequence}", "/v1/datasets/{dataset}/deltas/{sequence}.sig",
                "/v1/appearances", "/v1/jobs", "/v1/jobs/current");
        assertThat(doc.at("/components/securitySchemes/labKey/scheme").asString()).isEqualTo("bearer");
        assertThat(doc.at("/paths/~1v1~1datasets/get/security/0").has("labKey")).isTrue();
        assertThat(doc.at("/paths/~1v1~1datasets~1{dataset}~1versions~1{version}~1files~1{path}/get/responses").has("206")).isTrue();
    }

    private static URI uri(String path) {
        return server.baseUri().resolve(path);
    }

    private static HttpResponse<String> get(String path, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> getBytes(String path, String key, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri() + path)).header("Authorization", "Bearer " + key);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
