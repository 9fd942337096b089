package org.gleaner.builder.version;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.gleaner.protocol.io.AtomicFiles;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code DATASET/vVERSION/superseded.json}: this version was replaced by {@code supersededBy}, a compacted
 * version published with deletion delta {@code delta} (e.g. {@code deltas/delta-000001.json}). The signed delta is
 * the authority; this file only points a reader of the old version to it, so it is canonical JSON but unsigned.
 */
public record SupersededMarker(String dataset, String version, String supersededBy, String delta) {
    public static final String FORMAT = "gleaner-dataset-superseded/v1";
    public static final String FILE_NAME = "superseded.json";
    private static final int MAX_BYTES = 4096;
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,63}");
    private static final Pattern DELTA = Pattern.compile("deltas/delta-[0-9]{6}\\.json");
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    public SupersededMarker {
        if (dataset == null || !dataset.matches("[a-z0-9][a-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("not a dataset name");
        }
        if (version == null || !VERSION.matcher(version).matches() || supersededBy == null
                || !VERSION.matcher(supersededBy).matches() || version.equals(supersededBy)) {
            throw new IllegalArgumentException("version and supersededBy must be two version names");
        }
        if (delta == null || !DELTA.matcher(delta).matches()) {
            throw new IllegalArgumentException("delta must be deltas/delta-NNNNNN.json");
        }
    }

    public byte[] encode() {
        Map<String, Object> root = new TreeMap<>();
        root.put("format", FORMAT);
        root.put("dataset", dataset);
        root.put("version", version);
        root.put("superseded_by", supersededBy);
        root.put("delta", delta);
        return JSON.writeValueAsBytes(root);
    }

    /** Writes the marker into {@code versionDir} atomically, unless an identical one is already there. */
    public void writeTo(Path versionDir) throws IOException {
        Path file = versionDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            SupersededMarker existing = read(versionDir);
            if (!equals(existing)) {
                throw new IOException(versionDir.getFileName() + " is already superseded by v" + existing.supersededBy());
            }
            return;
        }
        AtomicFiles.writeNew(file, encode());
    }

    /** The marker in {@code versionDir}, or null when the version is not superseded. */
    public static SupersededMarker read(Path versionDir) throws IOException {
        Path file = versionDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + " exceeds " + MAX_BYTES + " bytes");
        }
        try {
            JsonNode n = JSON.readTree(Files.readAllBytes(file));
            if (!FORMAT.equals(text(n, "format"))) {
                throw new IOException(file + " is not a " + FORMAT + " marker");
            }
            return new SupersededMarker(text(n, "dataset"), text(n, "version"), text(n, "superseded_by"), text(n, "delta"));
        } catch (JacksonException | IllegalArgumentException e) {
            throw new IOException(file + " is malformed: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isString() ? null : v.asString();
    }
}
