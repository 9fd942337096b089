package org.gleaner.bench.builder;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gleaner.builder.api.DatasetApiServer;
import org.gleaner.builder.api.DatasetApiSettings;
import org.gleaner.builder.api.LabKeys;
import org.gleaner.builder.language.LanguageSettings;
import org.gleaner.builder.manifest.BuildFilters;
import org.gleaner.builder.manifest.ManifestPublisher;
import org.gleaner.builder.manifest.ManifestSettings;
import org.gleaner.builder.parquet.ParquetDatasetWriter;
import org.gleaner.builder.parquet.WrittenFile;
import org.gleaner.builder.pii.PiiCounts;
import org.gleaner.builder.pull.DatasetApiClient;
import org.gleaner.builder.pull.DatasetPuller;
import org.gleaner.builder.quality.QualityMeter;
import org.gleaner.builder.quality.QualityThresholds;
import org.gleaner.builder.row.DatasetRow;
import org.gleaner.protocol.note.NoteSigner;

/**
 * The dataset API's serving rates on one synthetic version (ROWS rows of random-word text, about 150 MiB of
 * zstd Parquet): a whole-file GET read and discarded, 64 ranged GETs of 1 MiB, a full {@code datasets pull}
 * (download, SHA-256 as it arrives, final verification with Parquet footers) and the grant-appearances scan of
 * the {@code consent_grant_ids} column, first (cold) and cached.
 * <pre>java -cp ... org.gleaner.bench.builder.DatasetApiThroughput [ROWS]</pre>
 */
public final class DatasetApiThroughput {
    private static final String[] WORDS = "the of and to in is was for on that with as by at from his her an were are which this be or has had not but"
            .split(" ");

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        Path root = Files.createTempDirectory("gleaner-api-bench");
        NoteSigner signer = NoteSigner.generate("gleaner.bench/builder");
        long t0 = System.nanoTime();
        Path versionDir = root.resolve("bench/v1");
        WrittenFile file = new ParquetDatasetWriter().write(versionDir.resolve("part-00000.parquet"), rows(rows));
        new ManifestPublisher(ManifestSettings.signedBy(signer).withClock(Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC)))
                .publish(versionDir, "bench", "1", List.of(file), BuildFilters.describe("MainTextExtractor", "lingua",
                        LanguageSettings.defaults(), QualityThresholds.defaults(), null));
        double mib = file.bytes() / 1048576.0;
        System.out.printf("version: %d rows, %.1f MiB Parquet, written in %.1f s%n", rows, mib, (System.nanoTime() - t0) / 1e9);

        String key = LabKeys.generateKey();
        try (DatasetApiServer server = DatasetApiServer.start(DatasetApiSettings.of(root, LabKeys.of(Map.of("bench", key)))
                .withRateLimit(1_000_000, java.time.Duration.ofSeconds(1)))) {
            HttpClient http = HttpClient.newHttpClient();
            URI fileUri = URI.create(server.baseUri() + "/v1/datasets/bench/versions/1/files/part-00000.parquet");
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(fileUri).header("Authorization", "Bearer " + key).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                long n;
                try (InputStream in = response.body()) {
                    n = in.transferTo(OutputStream.nullOutputStream());
                }
                double s = (System.nanoTime() - start) / 1e9;
                System.out.printf("whole-file GET %d: %d bytes in %.2f s = %.0f MiB/s%n", round + 1, n, s, n / 1048576.0 / s);
            }
            long start = System.nanoTime();
            int ranges = 64;
            long mibRange = 1 << 20;
            for (int i = 0; i < ranges; i++) {
                long first = (file.bytes() - mibRange) * i / ranges;
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(fileUri).header("Authorization", "Bearer " + key)
                        .header("Range", "bytes=" + first + "-" + (first + mibRange - 1)).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 206 || r.body().length != mibRange) {
                    throw new IllegalStateException("range " + i + ": " + r.statusCode());
                }
            }
            double rs = (System.nanoTime() - start) / 1e9;
            System.out.printf("ranged GETs: %d x 1 MiB in %.2f s = %.1f ms each%n", ranges, rs, rs * 1000 / ranges);

            Path keyFile = Files.writeString(root.resolve("lab.key"), key);
            for (int round = 0; round < 2; round++) {
                Path to = Files.createTempDirectory(root, "pulled");
                long pullStart = System.nanoTime();
                new DatasetPuller(new DatasetApiClient(server.baseUri(), Files.readString(keyFile)), signer.verifier(), line -> { })
                        .pull("bench", "latest", to);
                double ps = (System.nanoTime() - pullStart) / 1e9;
                System.out.printf("datasets pull %d (download + SHA-256 + final verify): %.2f s = %.0f MiB/s%n", round + 1, ps, mib / ps);
            }
            for (String label : List.of("cold", "cached")) {
                long aStart = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/v1/appearances?grant=grant-10"))
                        .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
                double as = (System.nanoTime() - aStart) / 1e9;
                System.out.printf("appearances (%s): %.3f s = %.0f rows/s; %s%n", label, as, rows / as, r.body());
            }
        } finally {
            try (var files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<DatasetRow> rows(int n) {
        SplittableRandom random = new SplittableRandom(7);
        List<DatasetRow> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder text = new StringBuilder(4096);
            while (text.length() < 4000) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(10) == 0 ? '\n' : ' ');
                if (random.nextInt(5) == 0) {
                    text.append(Long.toString(random.nextLong(), 36)).append(' ');
                }
            }
            String body = text.toString();
            rows.add(new DatasetRow("%064x".formatted(i), body, "https://bench.test/doc/" + i, "bench.test", "Doc " + i, "en", 0.9,
                    Instant.ofEpochMilli(1_763_800_000_000L + i), "%064x".formatted(1_000_000 + i), 700, PiiCounts.NONE,
                    i % 10 == 0 ? List.of("grant-" + (i % 100)) : List.of(), null, "%064x".formatted(2_000_000 + i), "lease-" + i,
                    "%0128x".formatted(i), "https://bench.test/doc/" + i, 200, body.length(), "%032x".formatted(i), List.of(),
                    QualityMeter.measure(body)));
        }
        return rows;
    }
}
