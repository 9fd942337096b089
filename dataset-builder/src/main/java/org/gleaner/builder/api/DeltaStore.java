package org.gleaner.builder.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a dataset's deletion deltas, {@code ROOT/DATASET/deltas/delta-NNNNNN.json} and {@code .sig}. A delta is
 * listed only when both files exist, the JSON parses, names this dataset and carries the sequence its file name
 * says. The fields read here are {@code dataset}, {@code sequence}, {@code affected_versions} (version names, or
 * objects with a {@code version}), {@code compacted_version} and {@code revoked_grants}; the bytes are served
 * as they are, and the signature is the lab's to check.
 */
public final class DeltaStore {
    private static final Logger log = LoggerFactory.getLogger(DeltaStore.class);
    static final String DIR = "deltas";
    private static final Pattern FILE = Pattern.compile("delta-([0-9]{6,12})\\.json");
    public static final int MAX_DELTA_BYTES = 64 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DatasetStore datasets;

    public DeltaStore(DatasetStore datasets) {
        this.datasets = datasets;
    }

    /** Deltas a lab holding {@code sinceVersion} needs (all when null), by sequence. */
    public List<DeletionDelta> deltas(String dataset, String sinceVersion) {
        if (sinceVersion != null && !DatasetStore.VERSION.matcher(sinceVersion).matches()) {
            throw ApiProblem.badRequest("since must be a version matching " + DatasetStore.VERSION.pattern());
        }
        Path dir = datasets.datasetDir(dataset).resolve(DIR);
        List<DeletionDelta> deltas = new ArrayList<>();
        for (Path file : DatasetStore.children(dir)) {
            Matcher m = FILE.matcher(file.getFileName().toString());
            if (m.matches()) {
                read(dataset, Long.parseLong(m.group(1)), file).filter(d -> sinceVersion == null || d.appliesFrom(sinceVersion))
                        .ifPresent(deltas::add);
            }
        }
        deltas.sort(Comparator.comparingLong(DeletionDelta::sequence));
        return deltas;
    }

    public DeletionDelta delta(String dataset, long sequence) {
        return deltas(dataset, null).stream().filter(d -> d.sequence() == sequence).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("no deletion delta " + sequence + " for " + dataset));
    }

    private Optional<DeletionDelta> read(String dataset, long sequence, Path json) {
        Path sig = json.resolveSibling(json.getFileName() + ".sig");
        try {
            if (!Files.isRegularFile(json, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(sig, LinkOption.NOFOLLOW_LINKS)
                    || Files.size(json) > MAX_DELTA_BYTES || Files.size(sig) > DatasetStore.maxNoteBytes()) {
                return Optional.empty();
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(json)) {
                bytes = in.readNBytes(MAX_DELTA_BYTES + 1);
            }
            JsonNode node = JSON.readTree(bytes);
            if (!dataset.equals(text(node.get("dataset"))) || node.get("sequence") == null
                    || !node.get("sequence").isIntegralNumber() || node.get("sequence").asLong() != sequence) {
                log.warn("{}: {} does not name this dataset and its sequence; not served", dataset, json.getFileName());
                return Optional.empty();
            }
            return Optional.of(new DeletionDelta(dataset, sequence, versions(node.get("affected_versions")),
                    text(node.get("compacted_version")), strings(node.get("revoked_grants")), bytes.length, sha256(bytes), json, sig));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            log.warn("{}: {} is malformed; not served", dataset, json.getFileName());
            return Optional.empty();
        }
    }

    private static List<String> versions(JsonNode node) {
        Set<String> versions = new LinkedHashSet<>();
        if (node != null && node.isArray()) {
            for (JsonNode element : node) {
                String v = element.isObject() ? text(element.get("version")) : text(element);
                if (v != null && DatasetStore.VERSION.matcher(v).matches()) {
                    versions.add(v);
                }
            }
        }
        return List.copyOf(versions);
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode element : node) {
                String v = text(element);
                if (v != null) {
                    values.add(v);
                }
            }
        }
        return values;
    }

    private static String text(JsonNode node) {
        if (node == null || !(node.isString() || node.isIntegralNumber())) {
            return null;
        }
        return node.asString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
