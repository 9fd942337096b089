package org.gleaner.devnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a devnet run produced, every figure taken from the running components. */
public record DevnetSummary(
        int sitePages,
        long pagesFetched,
        long bytesFetched,
        long creditedPages,
        List<NodeLine> nodes,
        long datasetRows,
        Map<String, Long> skippedByReason,
        Path parquetFile,
        Duration wallTime) {

    public record NodeLine(String nodeId, long pagesFetched, long wireBytes, long creditedPages, long creditedBytes,
            Map<String, Long> refusals, Map<String, Long> errors) {
    }

    public boolean consistent() {
        return creditedPages == pagesFetched && datasetRows + skippedByReason.values().stream().mapToLong(Long::longValue).sum() >= creditedPages
                && datasetRows > 0;
    }
}
