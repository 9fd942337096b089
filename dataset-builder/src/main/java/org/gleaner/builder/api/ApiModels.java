package org.gleaner.builder.api;

import java.util.List;

/** The JSON bodies of the dataset API. */
public final class ApiModels {
    private ApiModels() {
    }

    public record DatasetSummary(String name, int versions, String latestVersion) {
    }

    public record DatasetList(List<DatasetSummary> datasets) {
    }

    /**
     * @param supersedes   the version this one replaced (from its manifest), or null
     * @param superseded   whether a later version replaced this one ({@code superseded.json})
     * @param supersededBy the replacing version when known, or null
     */
    public record VersionSummary(String version, String createdAt, long rows, int files, long bytes, String supersedes,
            boolean superseded, String supersededBy, String manifestUrl) {
    }

    public record VersionList(String dataset, List<VersionSummary> versions) {
    }

    public record FileEntry(String path, String sha256, long bytes, Long rows, String url) {
    }

    public record FileList(String dataset, String version, List<FileEntry> files) {
    }

    /**
     * {@code compactedVersions[i]} replaces {@code affectedVersions[i]}; {@code format} is
     * {@code gleaner-deletion-delta/v1} (rows removed only) or {@code /v2} ({@code redactedRows} rows re-redacted:
     * take them from the compacted version).
     */
    public record DeltaSummary(long sequence, String format, List<String> affectedVersions, List<String> compactedVersions,
            List<String> revokedGrantIds, long removedRows, long redactedRows, long bytes, String sha256, String url,
            String signatureUrl) {
    }

    public record DeltaList(String dataset, String since, List<DeltaSummary> deltas) {
    }

    public record AppearanceList(String grant, List<GrantAppearances.Appearance> appearances) {
    }
}
