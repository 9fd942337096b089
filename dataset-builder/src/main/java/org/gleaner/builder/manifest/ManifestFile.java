package org.gleaner.builder.manifest;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file a manifest names, relative to the dataset version's directory.
 *
 * @param path   a relative path of plain segments ({@code [A-Za-z0-9_-][A-Za-z0-9._-]*}, separated by {@code /}):
 *               never absolute, never {@code ..}, never hidden
 * @param sha256 lowercase hex
 * @param bytes  the file's size
 * @param rows   the Parquet row count, or null for a file that is not a data file (the card)
 */
public record ManifestFile(String path, String sha256, long bytes, Long rows) {
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){0,7}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ManifestFile {
        if (path == null || !PATH.matcher(path).matches() || path.contains("..")) {
            throw new IllegalArgumentException("not a safe relative file path: " + path);
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative");
        }
        if (rows != null && rows < 0) {
            throw new IllegalArgumentException("rows must not be negative");
        }
    }

    public boolean isData() {
        return rows != null;
    }

    static ManifestFile data(String path, String sha256, long bytes, long rows) {
        return new ManifestFile(path, sha256, bytes, rows);
    }

    static ManifestFile other(String path, String sha256, long bytes) {
        return new ManifestFile(Objects.requireNonNull(path), sha256, bytes, null);
    }
}
