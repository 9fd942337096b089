package org.gleaner.builder.pull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.LongConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The dataset API as a lab's client sees it: small documents read with a size cap, files streamed (optionally
 * from an offset with {@code Range} and {@code If-Range}), 429 answered by waiting {@code Retry-After} (up to
 * a minute, a few times). The lab key goes in the {@code Authorization} header only.
 */
public final class DatasetApiClient {
    static final int MAX_DOCUMENT_BYTES = 1 << 20;
    private static final int MAX_RATE_LIMIT_RETRIES = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final String labKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public DatasetApiClient(URI base, String labKey) {
        String scheme = base.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("the API URL must be http or https");
        }
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.labKey = labKey.strip();
    }

    public JsonNode json(String path) throws PullException {
        return JSON.readTree(document(path));
    }

    /** A document of at most 1 MiB. */
    public byte[] document(String path) throws PullException {
        return document(path, MAX_DOCUMENT_BYTES);
    }

    public byte[] document(String path, int maxBytes) throws PullException {
        HttpResponse<InputStream> response = send(path, null, null);
        try (InputStream in = response.body()) {
            expect(response, path, 200);
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new PullException(PullException.Reason.MALFORMED, path + " exceeds " + maxBytes + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new PullException(PullException.Reason.API, "reading " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** Where a file's bytes start: 0 for the whole file (the server ignored the range or the tag changed). */
    public record Transfer(long startedAt, long bytes) {
    }

    /**
     * Appends the file from {@code offset} to {@code out} (whole file when the server answers 200, which the
     * caller sees as {@code startedAt == 0} and must truncate before); never writes more than {@code maxBytes}.
     */
    public Transfer download(String path, long offset, String etag, long maxBytes, OutputStreamFactory out, LongConsumer progress)
            throws PullException {
        HttpResponse<InputStream> response = send(path, offset > 0 ? "bytes=" + offset + "-" : null, offset > 0 ? etag : null);
        try (InputStream in = response.body()) {
            long startedAt;
            if (response.statusCode() == 206) {
                startedAt = contentRangeStart(response, path);
                if (startedAt != offset) {
                    throw new PullException(PullException.Reason.API, path + ": the server sent a range from " + startedAt + ", not " + offset);
                }
            } else {
                expect(response, path, 200);
                startedAt = 0;
            }
            long limit = maxBytes - startedAt;
            long written = 0;
            try (OutputStream sink = out.open(startedAt)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (written + n > limit) {
                        throw new PullException(PullException.Reason.FILE_MISMATCH, path + " is longer than its manifest's "
                                + maxBytes + " bytes");
                    }
                    sink.write(buffer, 0, n);
                    written += n;
                    progress.accept(startedAt + written);
                }
            }
            return new Transfer(startedAt, written);
        } catch (IOException e) {
            throw new PullException(PullException.Reason.API, "downloading " + path + " failed: " + e.getMessage()
                    + " (run the pull again to resume)", e);
        }
    }

    /** Opens the sink for a transfer starting at the given offset (0: from scratch). */
    @FunctionalInterface
    public interface OutputStreamFactory {
        OutputStream open(long startedAt) throws IOException;
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static long contentRangeStart(HttpResponse<?> response, String path) throws PullException {
        String range = response.headers().firstValue("Content-Range").orElse("");
        var m = java.util.regex.Pattern.compile("bytes ([0-9]{1,18})-[0-9]{1,18}/[0-9]{1,18}").matcher(range);
        if (!m.matches()) {
            throw new PullException(PullException.Reason.API, path + ": a 206 without a valid Content-Range");
        }
        return Long.parseLong(m.group(1));
    }

    private HttpResponse<InputStream> send(String path, String range, String ifRange) throws PullException {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10))
                    .header("Authorization", "Bearer " + labKey);
            if (range != null) {
                request.header("Range", range);
                if (ifRange != null) {
                    request.header("If-Range", ifRange);
                }
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new PullException(PullException.Reason.API, "cannot reach " + base + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PullException(PullException.Reason.API, "interrupted");
            }
            if (response.statusCode() != 429 || attempt >= MAX_RATE_LIMIT_RETRIES) {
                return response;
            }
            close(response);
            long wait = response.headers().firstValue("Retry-After").flatMap(DatasetApiClient::seconds).orElse(1L);
            if (wait > 60) {
                throw new PullException(PullException.Reason.API, "rate limited; the server asks to wait " + wait + " s");
            }
            try {
                Thread.sleep(wait * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PullException(PullException.Reason.API, "interrupted");
            }
        }
    }

    private static java.util.Optional<Long> seconds(String value) {
        try {
            return java.util.Optional.of(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private static void expect(HttpResponse<InputStream> response, String path, int status) throws PullException {
        int actual = response.statusCode();
        if (actual == status) {
            return;
        }
        close(response);
        switch (actual) {
            case 401 -> throw new PullException(PullException.Reason.API, "the API refused the lab key (401)");
            case 404 -> throw new PullException(PullException.Reason.NOT_FOUND, path + " is not on the server (404)");
            case 429 -> throw new PullException(PullException.Reason.API, "rate limited (429); try again later");
            default -> throw new PullException(PullException.Reason.API, path + ": the API answered " + actual);
        }
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // nothing more to read
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        if (array != null) {
            array.forEach(v -> values.add(v.asString()));
        }
        return values;
    }
}
