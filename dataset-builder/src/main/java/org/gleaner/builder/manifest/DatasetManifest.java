package org.gleaner.builder.manifest;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one dataset version is: its files with their hashes, sizes and row counts, the Parquet schema, the
 * content-affecting build settings, the consent ledger checkpoint it is "as of" (null until the build reads a
 * ledger; {@code consentBasis} then says what the consent basis is instead) and the version it supersedes.
 * Encoded by {@link ManifestJson} as canonical JSON in {@value #FILE_NAME}, signed by {@link ManifestSignature}
 * in {@value #SIGNATURE_FILE_NAME}.
 *
 * @param filters a JSON tree (sorted maps, lists, strings, longs, booleans; no floats) from {@link BuildFilters}
 */
public record DatasetManifest(
        String dataset,
        String version,
        Instant createdAt,
        List<ManifestFile> files,
        String schemaId,
        String schemaMessageType,
        Map<String, Object> filters,
        LedgerCheckpoint checkpoint,
        String consentBasis,
        String supersedes) {

    public static final String FORMAT = "gleaner-dataset-manifest/v1";
    public static final String FILE_NAME = "manifest.json";
    public static final String SIGNATURE_FILE_NAME = "manifest.json.sig";
    public static final int MAX_FILES = 10_000;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,63}");

    public DatasetManifest {
        if (dataset == null || !NAME.matcher(dataset).matches()) {
            throw new IllegalArgumentException("dataset must match " + NAME);
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("version must match " + VERSION);
        }
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.SECONDS);
        files = List.copyOf(Objects.requireNonNull(files, "files"));
        if (files.isEmpty() || files.size() > MAX_FILES) {
            throw new IllegalArgumentException("a manifest names 1 to " + MAX_FILES + " files");
        }
        if (files.stream().map(ManifestFile::path).distinct().count() != files.size()) {
            throw new IllegalArgumentException("a file is named twice");
        }
        requireText(schemaId, "schemaId");
        requireText(schemaMessageType, "schemaMessageType");
        @SuppressWarnings("unchecked")
        Map<String, Object> canonical = (Map<String, Object>) ManifestJson.sortedValue(
                Objects.requireNonNull(filters, "filters"), 0);
        filters = Collections.unmodifiableMap(canonical);
        requireText(consentBasis, "consentBasis");
        if (supersedes != null && (!VERSION.matcher(supersedes).matches() || supersedes.equals(version))) {
            throw new IllegalArgumentException("supersedes must be another version matching " + VERSION);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    /** The data files' rows added up. */
    public long rows() {
        return files.stream().filter(ManifestFile::isData).mapToLong(ManifestFile::rows).sum();
    }

    public List<ManifestFile> dataFiles() {
        return files.stream().filter(ManifestFile::isData).toList();
    }

    public static Path manifestPath(Path versionDir) {
        return versionDir.resolve(FILE_NAME);
    }

    public static Path signaturePath(Path versionDir) {
        return versionDir.resolve(SIGNATURE_FILE_NAME);
    }
}
