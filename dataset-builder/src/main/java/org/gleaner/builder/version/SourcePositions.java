package org.gleaner.builder.version;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.gleaner.builder.manifest.DatasetManifest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code source.json} in a version built from Kafka: how far the build read ({@code topic/partition -> next
 * offset}). It is published with the version and named (hashed) in its signed manifest, so it is exactly as
 * durable as the version: the next incremental build starts there even if the consumer group's commit, made
 * after publishing, was lost in a crash. Pages are then neither lost nor built twice across versions.
 */
public final class SourcePositions {
    public static final String FILE_NAME = "source.json";
    public static final String FORMAT = "gleaner-dataset-source/v1";
    private static final int MAX_BYTES = 1 << 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SourcePositions() {
    }

    public static byte[] encode(Map<String, Long> positions) {
        Map<String, Object> root = new TreeMap<>();
        root.put("format", FORMAT);
        root.put("positions", new TreeMap<>(positions));
        return JSON.writeValueAsBytes(root);
    }

    /** The positions a published version recorded, or empty when it recorded none. */
    public static Map<String, Long> read(Path versionDir) throws IOException {
        Path file = versionDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + " exceeds " + MAX_BYTES + " bytes");
        }
        try {
            JsonNode n = JSON.readTree(Files.readAllBytes(file));
            if (!FORMAT.equals(n.path("format").asString(null))) {
                throw new IOException(file + " is not a " + FORMAT + " file");
            }
            Map<String, Long> out = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : n.required("positions").properties()) {
                if (!e.getValue().canConvertToLong() || e.getValue().asLong() < 0) {
                    throw new IOException(file + ": offsets are non-negative integers");
                }
                out.put(e.getKey(), e.getValue().asLong());
            }
            return out;
        } catch (JacksonException e) {
            throw new IOException(file + " is malformed: " + e.getMessage(), e);
        }
    }

    /** The positions recorded by the highest whole-number published version, or empty when there is none. */
    public static Map<String, Long> latest(Path datasetDir) throws IOException {
        DatasetVersions.Version best = null;
        for (DatasetVersions.Version v : DatasetVersions.list(datasetDir)) {
            if (v.published() && v.name().matches("[0-9]{1,18}")
                    && (best == null || Long.parseLong(v.name()) > Long.parseLong(best.name()))) {
                best = v;
            }
        }
        return best == null || !Files.exists(DatasetManifest.manifestPath(best.dir())) ? Map.of() : read(best.dir());
    }
}
