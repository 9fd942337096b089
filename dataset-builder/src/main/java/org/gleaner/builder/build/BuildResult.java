package org.gleaner.builder.build;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.gleaner.builder.convert.SkipReason;
import org.gleaner.builder.parquet.WrittenFile;

/**
 * What a build published and what it left out.
 *
 * @param files            the published part files, in part order (at least one)
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
        List<WrittenFile> files,
        long recordsRead,
        long pagesDecoded,
        Map<SkipReason, Long> skipped,
        List<MalformedRecord> malformedSamples,
        StopReason stopReason,
        Duration elapsed,
        Map<String, Long> qualityDrops) {

    public BuildResult(String datasetName, String version, List<WrittenFile> files, long recordsRead, long pagesDecoded,
            Map<SkipReason, Long> skipped, List<MalformedRecord> malformedSamples, StopReason stopReason, Duration elapsed) {
        this(datasetName, version, files, recordsRead, pagesDecoded, skipped, malformedSamples, stopReason, elapsed, Map.of());
    }

    public BuildResult {
        EnumMap<SkipReason, Long> all = new EnumMap<>(SkipReason.class);
        for (SkipReason r : SkipReason.values()) {
            all.put(r, skipped.getOrDefault(r, 0L));
        }
        skipped = java.util.Collections.unmodifiableMap(all);
        malformedSamples = List.copyOf(malformedSamples);
        qualityDrops = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(qualityDrops));
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a build publishes at least one file");
        }
    }

    /** The first part file ({@code part-00000.parquet} unless it got no row). */
    public Path path() {
        return files.get(0).path();
    }

    /** Rows in all part files. */
    public long rows() {
        return files.stream().mapToLong(WrittenFile::rows).sum();
    }

    /** Bytes of all part files. */
    public long bytes() {
        return files.stream().mapToLong(WrittenFile::bytes).sum();
    }

    /** The SHA-256 of {@link #path()} (lowercase hex); each file's own is in {@link #files()}. */
    public String sha256() {
        return files.get(0).sha256();
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
