package org.gleaner.builder.api;

import java.nio.file.Path;
import java.util.List;

/**
 * One published deletion delta, {@code ROOT/DATASET/deltas/delta-NNNNNN.json} with its signature beside it.
 *
 * @param affectedVersions the versions whose rows it removes
 * @param compactedVersion the version published without those rows, or null
 * @param sha256           of the delta's JSON bytes
 */
public record DeletionDelta(String dataset, long sequence, List<String> affectedVersions, String compactedVersion,
        List<String> revokedGrants, long bytes, String sha256, Path json, Path signature) {

    /** Whether a lab holding {@code version} (or a later one) needs this delta. */
    boolean appliesFrom(String version) {
        return affectedVersions.stream().anyMatch(v -> VersionOrder.compare(v, version) >= 0);
    }
}
