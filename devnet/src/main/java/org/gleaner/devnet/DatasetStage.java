package org.gleaner.devnet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.gleaner.builder.build.BuildLimits;
import org.gleaner.builder.build.BuildResult;
import org.gleaner.builder.build.DatasetBuilder;
import org.gleaner.builder.build.DatasetBuilderConfig;
import org.gleaner.protocol.Topics;

/** The devnet's dataset step: one version of the demo dataset from everything on the pages topic. */
final class DatasetStage {
    static final String DATASET = "demo";

    private final Path runDir;
    private final Topics topics;
    private final PrintStream progress;

    DatasetStage(Path runDir, Topics topics, PrintStream progress) {
        this.runDir = runDir;
        this.topics = topics;
        this.progress = progress;
    }

    Result build(String bootstrapServers, long creditedPages) throws IOException {
        progress.println("[devnet] building dataset '" + DATASET + "' v1 from " + topics.pages() + " (" + creditedPages
                + " credited pages)");
        DatasetBuilderConfig config = DatasetBuilderConfig.of(runDir.resolve("datasets"), DATASET, "1")
                .withNetworkOrigin(Devnet.ORIGIN);
        BuildResult result = new DatasetBuilder(config)
                .build(bootstrapServers, topics.pages(), BuildLimits.untilCaughtUp(Duration.ofSeconds(15)));
        Map<String, Long> skipped = new TreeMap<>();
        result.skipped().forEach((reason, n) -> {
            if (n > 0) {
                skipped.put(reason.name(), n);
            }
        });
        progress.println("[devnet] dataset written: " + result.rows() + " rows, " + result.bytes() + " bytes, sha256 "
                + result.sha256().substring(0, 16) + "…");
        return new Result(result.rows(), skipped, result.path());
    }

    record Result(long rows, Map<String, Long> skippedByReason, Path parquetFile) {
    }
}
