package org.gleaner.builder.api;

import java.nio.file.Path;
import java.util.List;

/**
 * One published deletion delta as the API lists it: {@code ROOT/DATASET/deltas/delta-NNNNNN.json}, decoded by the
 * revocation package's {@link org.gleaner.builder.revocation.DeltaJson}, with its signature beside it.
 *
 * @param affectedVersions  the versions whose rows it removes
 * @param compactedVersions the version published without those rows, for each affected version (same order)
 * @param format            {@code gleaner-deletion-delta/v1} or {@code /v2} (some rows re-redacted)
 * @param removedRows       row ids removed over all versions and files
 * @param redactedRows      rows kept re-redacted (their new form is in the compacted version)
 * @param sha256            of the delta's JSON bytes
 */
public record DeletionDelta(String dataset, long sequence, String format, List<String> affectedVersions,
        List<String> compactedVersions, List<String> revokedGrantIds, long removedRows, long redactedRows, long bytes, String sha256, Path json, Path signature) {

    /** Whether a lab holding {@code version} (or a later one) needs this delta. */
    boolean appliesFrom(String version) {
        return affectedVersions.stream().anyMatch(v -> VersionOrder.compare(v, version) >= 0);
    }
}
