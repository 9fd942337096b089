package org.gleaner.builder.revocation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gleaner.builder.manifest.LedgerCheckpoint;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical JSON of a {@link DeletionDelta} (UTF-8, no insignificant white space, sorted keys, integers
 * only), like the manifest's. {@link #decode} accepts only canonical bytes, so a delta has one hash. A v1 delta
 * has no {@code redacted_row_ids}; a v2 delta has it on every file.
 */
public final class DeltaJson {
    public static final int MAX_BYTES = 128 << 20;
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private DeltaJson() {
    }

    public static byte[] encode(DeletionDelta d) {
        Map<String, Object> root = new TreeMap<>();
        boolean v2 = DeletionDelta.FORMAT_V2.equals(d.format());
        root.put("format", d.format());
        root.put("dataset", d.dataset());
        root.put("sequence", d.sequence());
        root.put("created_at", d.createdAt().toString());
        Map<String, Object> cp = new TreeMap<>();
        cp.put("origin", d.checkpoint().origin());
        cp.put("tree_size", d.checkpoint().treeSize());
        cp.put("root_hash", d.checkpoint().rootHash());
        root.put("checkpoint", cp);
        root.put("revoked_grant_ids", d.revokedGrantIds());
        List<Object> versions = new ArrayList<>();
        for (DeletionDelta.AffectedVersion v : d.versions()) {
            Map<String, Object> mv = new TreeMap<>();
            mv.put("version", v.version());
            mv.put("compacted_version", v.compactedVersion());
            mv.put("compacted_manifest_sha256", v.compactedManifestSha256());
            mv.put("carried_files", v.carriedFiles());
            List<Object> files = new ArrayList<>();
            for (DeletionDelta.AffectedFile f : v.files()) {
                Map<String, Object> mf = new TreeMap<>();
                mf.put("path", f.path());
                mf.put("rows_before", f.rowsBefore());
                mf.put("rows_after", f.rowsAfter());
                mf.put("sha256", f.sha256());
                mf.put("removed_row_ids", f.removedRowIds());
                if (v2) {
                    mf.put("redacted_row_ids", f.redactedRowIds());
                }
                files.add(mf);
            }
            mv.put("files", files);
            versions.add(mv);
        }
        root.put("versions", versions);
        return JSON.writeValueAsBytes(root);
    }

    /** @throws DeltaException {@link DeltaException.Reason#MALFORMED} for anything but a canonical delta */
    public static DeletionDelta decode(byte[] bytes) throws DeltaException {
        if (bytes.length > MAX_BYTES) {
            throw new DeltaException(DeltaException.Reason.MALFORMED, "delta exceeds " + MAX_BYTES + " bytes");
        }
        DeletionDelta d;
        try {
            JsonNode n = JSON.readTree(bytes);
            String format = text(n, "format");
            if (!DeletionDelta.FORMAT_V1.equals(format) && !DeletionDelta.FORMAT_V2.equals(format)) {
                throw new DeltaException(DeltaException.Reason.MALFORMED, "not a " + DeletionDelta.FORMAT_V1 + " or "
                        + DeletionDelta.FORMAT_V2 + " delta");
            }
            boolean v2 = DeletionDelta.FORMAT_V2.equals(format);
            JsonNode cp = n.required("checkpoint");
            List<DeletionDelta.AffectedVersion> versions = new ArrayList<>();
            for (JsonNode v : n.required("versions")) {
                List<DeletionDelta.AffectedFile> files = new ArrayList<>();
                for (JsonNode f : v.required("files")) {
                    files.add(new DeletionDelta.AffectedFile(text(f, "path"), f.required("rows_before").asLong(),
                            f.required("rows_after").asLong(), text(f, "sha256"), strings(f.required("removed_row_ids")),
                            v2 ? strings(f.required("redacted_row_ids")) : List.of()));
                }
                versions.add(new DeletionDelta.AffectedVersion(text(v, "version"), text(v, "compacted_version"),
                        text(v, "compacted_manifest_sha256"), files, strings(v.required("carried_files"))));
            }
            d = new DeletionDelta(text(n, "dataset"), n.required("sequence").asLong(), Instant.parse(text(n, "created_at")),
                    new LedgerCheckpoint(text(cp, "origin"), cp.required("tree_size").asLong(), text(cp, "root_hash")),
                    strings(n.required("revoked_grant_ids")), versions);
        } catch (JacksonException | IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
            throw new DeltaException(DeltaException.Reason.MALFORMED, "delta is malformed: " + e.getMessage());
        }
        // Also refuses a v2 delta without redacted rows and a v1 delta with some: the format follows the content.
        if (!Arrays.equals(encode(d), bytes)) {
            throw new DeltaException(DeltaException.Reason.MALFORMED, "delta is not in canonical form");
        }
        return d;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.required(field);
        if (!v.isString()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return v.asString();
    }

    private static List<String> strings(JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("expected an array");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : array) {
            if (!s.isString()) {
                throw new IllegalArgumentException("expected strings");
            }
            out.add(s.asString());
        }
        return out;
    }
}
