package org.gleaner.builder.retention;

import java.util.List;

/**
 * What one sweep did: the superseded versions whose data files it removed, how many files and bytes, and the
 * superseded versions it kept (retention not passed, among the last kept, or their delta unreadable).
 */
public record SweepResult(List<String> sweptVersions, long filesRemoved, long bytesRemoved, List<String> keptVersions) {
    public SweepResult {
        sweptVersions = List.copyOf(sweptVersions);
        keptVersions = List.copyOf(keptVersions);
    }
}
