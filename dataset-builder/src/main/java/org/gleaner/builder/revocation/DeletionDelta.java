package org.gleaner.builder.revocation;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.gleaner.builder.manifest.LedgerCheckpoint;

/**
 * A deletion delta: because the consent ledger revoked {@code revokedGrantIds} (as of {@code checkpoint}), these
 * rows of these files of these versions are deleted or re-redacted, and each affected version is replaced by a
 * compacted version. Encoded by {@link DeltaJson} in {@code DATASET/deltas/delta-NNNNNN.json}, signed by
 * {@link DeltaSignature} in {@code delta-NNNNNN.json.sig}.
 *
 * <p>Two formats, chosen by content so that one delta has one encoding: {@link #FORMAT_V1} when every affected
 * row was deleted (what every delta was before re-redaction existed, so old deltas still decode and verify), and
 * {@link #FORMAT_V2} when at least one row was re-redacted: the row stays, with the revoked subject's identifiers
 * replaced by typed placeholders, under the same id, and the lab takes it from the compacted version's file.
 */
public record DeletionDelta(String dataset, long sequence, Instant createdAt, LedgerCheckpoint checkpoint,
        List<String> revokedGrantIds, List<AffectedVersion> versions) {

    /** Every affected row was deleted. */
    public static final String FORMAT_V1 = "gleaner-deletion-delta/v1";
    /** Some affected rows were re-redacted ({@code redacted_row_ids} on every file). */
    public static final String FORMAT_V2 = "gleaner-deletion-delta/v2";
    public static final String DIR_NAME = "deltas";
    public static final int MAX_REMOVED_ROWS = 1_000_000;
    static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,63}");
    static final Pattern FILE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    /**
     * One version the revocation reached.
     *
     * @param compactedManifestSha256 the SHA-256 of the compacted version's {@code manifest.json}: the delta's
     *                                signature thereby covers the compacted version too
     * @param carriedFiles            data files copied unchanged (byte-identical, same SHA-256)
     */
    public record AffectedVersion(String version, String compactedVersion, String compactedManifestSha256,
            List<AffectedFile> files, List<String> carriedFiles) {
        public AffectedVersion {
            if (version == null || !VERSION.matcher(version).matches() || compactedVersion == null
                    || !VERSION.matcher(compactedVersion).matches() || version.equals(compactedVersion)) {
                throw new IllegalArgumentException("version and compactedVersion must be two version names");
            }
            if (compactedManifestSha256 == null || !HEX64.matcher(compactedManifestSha256).matches()) {
                throw new IllegalArgumentException("compactedManifestSha256 must be 64 lowercase hex digits");
            }
            files = List.copyOf(files);
            carriedFiles = List.copyOf(carriedFiles);
            if (files.isEmpty()) {
                throw new IllegalArgumentException("an affected version has at least one rewritten file");
            }
            for (String f : carriedFiles) {
                requireFile(f);
            }
        }
    }

    /**
     * One rewritten file: {@code removedRowIds} (sorted) were in {@code path} of the old version and are not in
     * the file of the same name in the compacted version, which has {@code sha256} and {@code rowsAfter} rows;
     * {@code redactedRowIds} (sorted, none of them removed) are in both, the compacted file's row being the
     * re-redacted one.
     */
    public record AffectedFile(String path, long rowsBefore, long rowsAfter, String sha256, List<String> removedRowIds,
            List<String> redactedRowIds) {
        public AffectedFile {
            requireFile(path);
            removedRowIds = List.copyOf(removedRowIds);
            redactedRowIds = List.copyOf(redactedRowIds);
            if (removedRowIds.isEmpty() && redactedRowIds.isEmpty()) {
                throw new IllegalArgumentException("a rewritten file removes or redacts at least one row");
            }
            if (rowsAfter < redactedRowIds.size() || rowsBefore != rowsAfter + removedRowIds.size()) {
                throw new IllegalArgumentException("rowsBefore must equal rowsAfter plus the removed rows, and the "
                        + "redacted rows are among rowsAfter");
            }
            if (sha256 == null || !HEX64.matcher(sha256).matches()) {
                throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
            }
            requireSortedIds(removedRowIds, "removedRowIds");
            requireSortedIds(redactedRowIds, "redactedRowIds");
            if (!java.util.Collections.disjoint(new java.util.HashSet<>(removedRowIds), redactedRowIds)) {
                throw new IllegalArgumentException("a row is either removed or redacted, not both");
            }
        }

        /** A file whose affected rows were all deleted (format v1). */
        public AffectedFile(String path, long rowsBefore, long rowsAfter, String sha256, List<String> removedRowIds) {
            this(path, rowsBefore, rowsAfter, sha256, removedRowIds, List.of());
        }
    }

    private static void requireSortedIds(List<String> ids, String what) {
        for (int i = 0; i < ids.size(); i++) {
            if (!HEX64.matcher(ids.get(i)).matches() || (i > 0 && ids.get(i - 1).compareTo(ids.get(i)) >= 0)) {
                throw new IllegalArgumentException(what + " must be sorted, distinct row ids");
            }
        }
    }

    public DeletionDelta {
        if (dataset == null || !dataset.matches("[a-z0-9][a-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("not a dataset name");
        }
        if (sequence < 1 || sequence > 999_999) {
            throw new IllegalArgumentException("sequence must be 1 to 999999");
        }
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.SECONDS);
        Objects.requireNonNull(checkpoint, "checkpoint");
        revokedGrantIds = List.copyOf(revokedGrantIds);
        if (revokedGrantIds.isEmpty()) {
            throw new IllegalArgumentException("a delta names at least one revoked grant");
        }
        for (int i = 0; i < revokedGrantIds.size(); i++) {
            if (!HEX64.matcher(revokedGrantIds.get(i)).matches()
                    || (i > 0 && revokedGrantIds.get(i - 1).compareTo(revokedGrantIds.get(i)) >= 0)) {
                throw new IllegalArgumentException("revokedGrantIds must be sorted, distinct grant ids");
            }
        }
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a delta affects at least one version");
        }
        if (versions.stream().flatMap(v -> v.files().stream())
                .mapToLong(f -> f.removedRowIds().size() + (long) f.redactedRowIds().size()).sum() > MAX_REMOVED_ROWS) {
            throw new IllegalArgumentException("a delta removes or redacts at most " + MAX_REMOVED_ROWS + " rows");
        }
    }

    private static void requireFile(String path) {
        if (path == null || !FILE.matcher(path).matches() || path.contains("..")) {
            throw new IllegalArgumentException("not a plain file name: " + path);
        }
    }

    /** {@code delta-NNNNNN.json}. */
    public static String fileName(long sequence) {
        return String.format("delta-%06d.json", sequence);
    }

    public String fileName() {
        return fileName(sequence);
    }

    /** {@code deltas/delta-NNNNNN.json}, relative to the dataset directory. */
    public String relativePath() {
        return DIR_NAME + "/" + fileName();
    }

    public static Path deltaPath(Path datasetDir, long sequence) {
        return datasetDir.resolve(DIR_NAME).resolve(fileName(sequence));
    }

    public static Path signaturePath(Path deltaFile) {
        return deltaFile.resolveSibling(deltaFile.getFileName() + ".sig");
    }

    public long removedRows() {
        return versions.stream().mapToLong(v -> v.files().stream().mapToLong(f -> f.removedRowIds().size()).sum()).sum();
    }

    /** Rows kept under the same id with the revoked subjects' identifiers replaced by placeholders. */
    public long redactedRows() {
        return versions.stream().mapToLong(v -> v.files().stream().mapToLong(f -> f.redactedRowIds().size()).sum()).sum();
    }

    /** {@link #FORMAT_V2} when a row was re-redacted, else {@link #FORMAT_V1}: the format follows the content. */
    public String format() {
        return redactedRows() > 0 ? FORMAT_V2 : FORMAT_V1;
    }
}
