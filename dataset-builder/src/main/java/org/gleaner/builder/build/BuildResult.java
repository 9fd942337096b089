package org.gleaner.builder.build;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.gleaner.builder.convert.SkipReason;

/**
 * What a build published and what it left out.
 *
 * @param path             the published file
 * @param rows             rows in it
 * @param bytes            its size
 * @param sha256           its SHA-256, lowercase hex
 * @param recordsRead      records read from the topic (every record is either a row or counted in
 *                         {@code skipped})
 * @param pagesDecoded     records that decoded as pages
 * @param skipped          records that gave no row, by reason (every reason present, zero when none)
 * @param malformedSamples the first malformed records (at most {@link DatasetBuild#MAX_MALFORMED_SAMPLES});
 *                         the count is {@code skipped(MALFORMED_RECORD)}
 * @param qualityDrops     pages left out for quality (action {@code drop}), by failed rule such as
 *                         {@code min:word_count}; a page failing two rules counts under both; empty under
 *                         {@code flag}, where the rules are in each row's {@code quality_flags}
 */
public record BuildResult(
        String datasetName,
        String version,
        Path path,
        long rows,
        long bytes,
        String sha256,
        long recordsRead,
        long pagesDecoded,
        Map<SkipReason, Long> skipped,
        List<MalformedRecord> malformedSamples,
        StopReason stopReason,
        Duration elapsed,
        Map<String, Long> qualityDrops) {

    public BuildResult(String datasetName, String version, Path path, long rows, long bytes, String sha256,
            long recordsRead, long pagesDecoded, Map<SkipReason, Long> skipped, List<MalformedRecord> malformedSamples,
            StopReason stopReason, Duration elapsed) {
        this(datasetName, version, path, rows, bytes, sha256, recordsRead, pagesDecoded, skipped, malformedSamples,
                stopReason, elapsed, Map.of());
    }

    public BuildResult {
        EnumMap<SkipReason, Long> all = new EnumMap<>(SkipReason.class);
        for (SkipReason r : SkipReason.values()) {
            all.put(r, skipped.getOrDefault(r, 0L));
        }
        skipped = java.util.Collections.unmodifiableMap(all);
        malformedSamples = List.copyOf(malformedSamples);
        qualityDrops = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(qualityDrops));
    }

    public long skipped(SkipReason reason) {
        return skipped.get(reason);
    }

    public long malformed() {
        return skipped(SkipReason.MALFORMED_RECORD);
    }

    public long totalSkipped() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
