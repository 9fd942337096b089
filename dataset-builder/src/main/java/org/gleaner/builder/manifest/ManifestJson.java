package org.gleaner.builder.manifest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical JSON of a {@link DatasetManifest}: UTF-8, no insignificant white space, object keys sorted,
 * integers only (decimal settings are strings), absent values written as {@code null}. Fields are mapped by
 * hand, so renaming a Java component never changes the bytes. {@link #decode} accepts only canonical bytes
 * (it re-encodes and compares), so one manifest has exactly one encoding and one hash.
 */
public final class ManifestJson {
    public static final int MAX_BYTES = 1 << 20;
    private static final int MAX_DEPTH = 8;
    private static final Set<String> KEYS = Set.of("format", "dataset", "version", "created_at", "files", "schema",
            "filters", "checkpoint", "consent_basis", "supersedes");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ManifestJson() {
    }

    public static byte[] encode(DatasetManifest m) {
        Map<String, Object> root = new TreeMap<>();
        root.put("format", DatasetManifest.FORMAT);
        root.put("dataset", m.dataset());
        root.put("version", m.version());
        root.put("created_at", m.createdAt().toString());
        List<Object> files = new ArrayList<>();
        for (ManifestFile f : m.files()) {
            Map<String, Object> file = new TreeMap<>();
            file.put("path", f.path());
            file.put("sha256", f.sha256());
            file.put("bytes", f.bytes());
            file.put("rows", f.rows());
            files.add(file);
        }
        root.put("files", files);
        Map<String, Object> schema = new TreeMap<>();
        schema.put("id", m.schemaId());
        schema.put("parquet_message_type", m.schemaMessageType());
        root.put("schema", schema);
        root.put("filters", sorted(m.filters(), 0));
        if (m.checkpoint() == null) {
            root.put("checkpoint", null);
        } else {
            Map<String, Object> cp = new TreeMap<>();
            cp.put("origin", m.checkpoint().origin());
            cp.put("tree_size", m.checkpoint().treeSize());
            cp.put("root_hash", m.checkpoint().rootHash());
            root.put("checkpoint", cp);
        }
        root.put("consent_basis", m.consentBasis());
        root.put("supersedes", m.supersedes());
        byte[] bytes = JSON.writeValueAsBytes(root);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("manifest exceeds " + MAX_BYTES + " bytes");
        }
        return bytes;
    }

    /** Parses canonical manifest bytes; anything else is {@link ManifestException.Reason#MALFORMED}. */
    public static DatasetManifest decode(byte[] bytes) throws ManifestException {
        if (bytes.length > MAX_BYTES) {
            throw malformed("manifest exceeds " + MAX_BYTES + " bytes", null);
        }
        DatasetManifest manifest;
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw malformed("manifest is not a JSON object", null);
            }
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                if (!KEYS.contains(e.getKey())) {
                    throw malformed("unknown manifest field '" + e.getKey() + "'", null);
                }
            }
            if (!DatasetManifest.FORMAT.equals(text(root, "format"))) {
                throw malformed("not a " + DatasetManifest.FORMAT + " manifest", null);
            }
            List<ManifestFile> files = new ArrayList<>();
            JsonNode fileNodes = root.path("files");
            if (!fileNodes.isArray() || fileNodes.size() > DatasetManifest.MAX_FILES) {
                throw malformed("files must be an array of at most " + DatasetManifest.MAX_FILES, null);
            }
            for (JsonNode f : fileNodes.values()) {
                JsonNode rows = f.path("rows");
                files.add(new ManifestFile(text(f, "path"), text(f, "sha256"), integer(f, "bytes"),
                        rows.isNull() ? null : integer(f, "rows")));
            }
            JsonNode cp = root.path("checkpoint");
            LedgerCheckpoint checkpoint = cp.isNull() ? null
                    : new LedgerCheckpoint(text(cp, "origin"), integer(cp, "tree_size"), text(cp, "root_hash"));
            Object filters = tree(root.path("filters"), 0);
            if (!(filters instanceof Map<?, ?>)) {
                throw malformed("filters must be an object", null);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> filterMap = (Map<String, Object>) filters;
            JsonNode supersedes = root.path("supersedes");
            manifest = new DatasetManifest(text(root, "dataset"), text(root, "version"),
                    Instant.parse(text(root, "created_at")), files, text(root.path("schema"), "id"),
                    text(root.path("schema"), "parquet_message_type"), filterMap, checkpoint,
                    text(root, "consent_basis"), supersedes.isNull() ? null : text(root, "supersedes"));
        } catch (JacksonException e) {
            throw malformed("manifest is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw malformed("manifest field out of range: " + e.getMessage(), e);
        }
        if (!Arrays.equals(encode(manifest), bytes)) {
            throw malformed("manifest is not in canonical form", null);
        }
        return manifest;
    }

    private static String text(JsonNode node, String field) throws ManifestException {
        JsonNode value = node.path(field);
        if (!value.isString()) {
            throw malformed("'" + field + "' must be a string", null);
        }
        return value.asString();
    }

    private static long integer(JsonNode node, String field) throws ManifestException {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw malformed("'" + field + "' must be an integer", null);
        }
        return value.longValue();
    }

    private static Object tree(JsonNode node, int depth) throws ManifestException {
        if (depth > MAX_DEPTH) {
            throw malformed("filters nest too deep", null);
        }
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                map.put(e.getKey(), tree(e.getValue(), depth + 1));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonNode v : node.values()) {
                list.add(tree(v, depth + 1));
            }
            return list;
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNull()) {
            return null;
        }
        throw malformed("filters hold only strings, integers, booleans, lists and objects", null);
    }

    /** A copy of a filter tree with every map sorted, checking that it holds only canonical JSON values. */
    static Object sortedValue(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("filters nest too deep");
        }
        if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put((String) e.getKey(), sortedValue(e.getValue(), depth + 1));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object v : list) {
                out.add(sortedValue(v, depth + 1));
            }
            return out;
        }
        throw new IllegalArgumentException("not a canonical JSON value (no floats): " + value.getClass().getSimpleName());
    }

    private static Map<String, Object> sorted(Map<String, Object> map, int depth) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) sortedValue(new LinkedHashMap<>(map), depth);
        return out;
    }

    private static ManifestException malformed(String message, Throwable cause) {
        return new ManifestException(ManifestException.Reason.MALFORMED, message, cause);
    }
}
