package org.gleaner.builder.revocation;

import java.nio.file.Path;
import java.util.List;

/**
 * What one revocation pass published: the delta (null when no published row carried a revoked grant) and, per
 * affected version, its compacted replacement.
 */
public record RevocationOutcome(Path deltaFile, DeletionDelta delta, List<Compaction> compactions) {
    /**
     * One version replaced: how many files were rewritten and carried over unchanged, how many rows went and how
     * many stayed re-redacted.
     */
    public record Compaction(String version, String compactedVersion, Path compactedDir, int filesRewritten,
            int filesCarried, long rowsRemoved, long rowsRedacted) {
    }

    public RevocationOutcome {
        compactions = List.copyOf(compactions);
    }

    public static RevocationOutcome nothing() {
        return new RevocationOutcome(null, null, List.of());
    }

    public boolean published() {
        return deltaFile != null;
    }
}
