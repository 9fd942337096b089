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
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.gleaner.builder.revocation.DeltaException;
import org.gleaner.builder.revocation.DeltaJson;

/**
 * Reads a dataset's deletion deltas, {@code ROOT/DATASET/deltas/delta-NNNNNN.json} and {@code .sig}, as the
 * revocation package writes them. A delta is listed only when both files exist, {@link DeltaJson#decode} accepts
 * the JSON (canonical, format {@code gleaner-deletion-delta/v1} or {@code /v2}), and it names this dataset and the sequence its
 * file name says. The bytes are served as they are; the signature is the lab's to check.
 */
public final class DeltaStore {
    private static final Logger log = LoggerFactory.getLogger(DeltaStore.class);
    static final String DIR = "deltas";
    private static final Pattern FILE = Pattern.compile("delta-([0-9]{6,12})\\.json");
    public static final int MAX_DELTA_BYTES = DeltaJson.MAX_BYTES;

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
            org.gleaner.builder.revocation.DeletionDelta delta;
            try {
                delta = DeltaJson.decode(bytes);
            } catch (DeltaException e) {
                log.warn("{}: {} is not a canonical deletion delta; not served", dataset, json.getFileName());
                return Optional.empty();
            }
            if (!dataset.equals(delta.dataset()) || delta.sequence() != sequence) {
                log.warn("{}: {} does not name this dataset and its sequence; not served", dataset, json.getFileName());
                return Optional.empty();
            }
            List<String> affected = delta.versions().stream().map(org.gleaner.builder.revocation.DeletionDelta.AffectedVersion::version).toList();
            List<String> compacted = delta.versions().stream()
                    .map(org.gleaner.builder.revocation.DeletionDelta.AffectedVersion::compactedVersion).toList();
            return Optional.of(new DeletionDelta(dataset, sequence, delta.format(), affected, compacted,
                    delta.revokedGrantIds(), delta.removedRows(), delta.redactedRows(), bytes.length, sha256(bytes), json, sig));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
