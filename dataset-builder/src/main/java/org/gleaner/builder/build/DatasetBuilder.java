package org.gleaner.builder.build;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gleaner.builder.version.SourcePositions;
import org.gleaner.builder.convert.ConversionWorkers;
import org.gleaner.builder.convert.PageToRow;
import org.gleaner.builder.extract.MainTextExtractor;
import org.gleaner.builder.language.LanguageIdentifier;
import org.gleaner.builder.language.LanguageSettings;
import org.gleaner.builder.extract.TextExtractor;
import org.gleaner.builder.ingest.KafkaPageSource;
import org.gleaner.builder.ingest.PageSource;
import org.gleaner.builder.ingest.SourceRecord;
import org.gleaner.builder.parquet.ParquetDatasetWriter;
import org.gleaner.builder.manifest.BuildFilters;
import org.gleaner.builder.manifest.ManifestPublisher;
import org.gleaner.builder.manifest.ManifestSettings;
import org.gleaner.builder.parquet.PartitionedParquetFiles;
import org.gleaner.builder.quality.QualityPolicy;

/**
 * Builds one dataset version from the pages topic: reads it from the beginning, turns pages into rows and
 * publishes {@code <outputDir>/<datasetName>/v<version>/part-NNNNN.parquet} atomically when the
 * {@link BuildLimits} say stop, then its dataset card and its (signed, with {@link #withManifest}) manifest.
 *
 * <pre>{@code
 * BuildResult r = new DatasetBuilder(DatasetBuilderConfig.of(dir, "demo", "1"))
 *         .build(broker.bootstrapServers(), Topics.DEFAULT.pages(), BuildLimits.untilCaughtUp(Duration.ofSeconds(10)));
 * }</pre>
 */
public final class DatasetBuilder {
    private final DatasetBuilderConfig config;
    private final TextExtractor extractor;
    private final LanguageIdentifier language;
    private final ManifestSettings manifest;
    private final BuildProgress progress;
    private final int workers;
    private final QualityPolicy quality;
    private final CommitGate commitGate;

    /**
     * A builder with the main-text extractor and language identification on its default settings (lingua's
     * models and rules, table scorer: {@link LanguageIdentifier#defaults()}).
     */
    public DatasetBuilder(DatasetBuilderConfig config) {
        this(config, new MainTextExtractor(), LanguageIdentifier.defaults());
    }

    /** A builder with the given extractor and no language identification (rows say {@code und}). */
    public DatasetBuilder(DatasetBuilderConfig config, TextExtractor extractor) {
        this(config, extractor, LanguageIdentifier.NONE);
    }

    public DatasetBuilder(DatasetBuilderConfig config, TextExtractor extractor, LanguageIdentifier language) {
        this(config, extractor, language, ManifestSettings.unsigned(), BuildProgress.NONE, defaultWorkers(),
                QualityPolicy.defaults(), CommitGate.DIRECT);
    }

    private DatasetBuilder(DatasetBuilderConfig config, TextExtractor extractor, LanguageIdentifier language,
            ManifestSettings manifest, BuildProgress progress, int workers, QualityPolicy quality, CommitGate commitGate) {
        this.config = Objects.requireNonNull(config, "config");
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        this.language = Objects.requireNonNull(language, "language");
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.progress = Objects.requireNonNull(progress, "progress");
        if (workers < 1 || workers > ConversionWorkers.MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be 1-" + ConversionWorkers.MAX_WORKERS + ": " + workers);
        }
        this.workers = workers;
        this.quality = Objects.requireNonNull(quality, "quality");
        this.commitGate = Objects.requireNonNull(commitGate, "commitGate");
    }

    /** One worker per core: the per-page stages are CPU-bound. */
    private static int defaultWorkers() {
        return Math.min(ConversionWorkers.MAX_WORKERS, Runtime.getRuntime().availableProcessors());
    }

    /** This builder, describing each version with these manifest settings (the default writes it unsigned). */
    public DatasetBuilder withManifest(ManifestSettings settings) {
        return new DatasetBuilder(config, extractor, language, settings, progress, workers, quality, commitGate);
    }

    /** This builder, telling {@code listener} the running counts after each batch of records. */
    public DatasetBuilder withProgress(BuildProgress listener) {
        return new DatasetBuilder(config, extractor, language, manifest, listener, workers, quality, commitGate);
    }

    /**
     * This builder, converting pages on {@code n} threads (default: one per core). The rows, their order and
     * the counts do not depend on it: only decoding and conversion run in parallel, dedup and writing follow
     * the source's order.
     */
    public DatasetBuilder withWorkers(int n) {
        return new DatasetBuilder(config, extractor, language, manifest, progress, n, quality, commitGate);
    }

    /**
     * This builder, judging rows by {@code policy} (default {@link QualityPolicy#defaults()}, which flags): see
     * {@link PageToRow#withQuality}. The manifest records the thresholds and the action.
     */
    public DatasetBuilder withQuality(QualityPolicy policy) {
        return new DatasetBuilder(config, extractor, language, manifest, progress, workers, policy, commitGate);
    }

    public DatasetBuilderConfig config() {
        return config;
    }

    /**
     * Reads {@code topic} on the Kafka cluster at {@code bootstrapServers} from its earliest offsets and
     * publishes the dataset file.
     *
     * @throws java.nio.file.FileAlreadyExistsException when this version's file already exists
     * @throws IOException when the file cannot be written or published (nothing is published then)
     */
    public BuildResult build(String bootstrapServers, String topic, BuildLimits limits) throws IOException {
        try (PageSource source = new KafkaPageSource(bootstrapServers, topic, config.groupId(), config.kafkaProperties())) {
            return build(source, limits);
        }
    }

    /** Builds from any page source (the caller closes it). */
    public BuildResult build(PageSource source, BuildLimits limits) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(limits, "limits");
        PartitionedParquetFiles file = PartitionedParquetFiles.open(new ParquetDatasetWriter(config.parquet()),
                config.versionDir(), config.parts());
        PageToRow converter = (config.networkOrigin() == null
                ? new PageToRow(extractor)
                : new PageToRow(extractor, config.networkOrigin())).withLanguage(language).withPrivacy(config.privacy())
                .withQuality(quality);
        try (ConversionWorkers pool = new ConversionWorkers(workers);
                DatasetBuild build = new DatasetBuild(config, converter, file)) {
            StopReason stop = read(source, build, limits, pool);
            BuildResult result = build.finish(stop);
            Map<String, Long> positions = source.positions();
            Map<String, byte[]> extra = positions.isEmpty() ? Map.of() : Map.of(SourcePositions.FILE_NAME, SourcePositions.encode(positions));
            commitGate.commit(new ManifestPublisher(manifest).prepare(config.versionDir(), config.datasetName(),
                    config.version(), result.files(), filters(), extra));
            source.commit();
            return result;
        }
    }

    /**
     * This builder, publishing each finished version's staged manifest through {@code gate} (default
     * {@link CommitGate#DIRECT}); the Kafka positions are committed after the gate returns.
     */
    public DatasetBuilder withCommitGate(CommitGate gate) {
        return new DatasetBuilder(config, extractor, language, manifest, progress, workers, quality, gate);
    }

    /** The settings that shape the rows, for the manifest. */
    private java.util.Map<String, Object> filters() {
        String identifier = language == LanguageIdentifier.NONE ? "none" : language.name();
        LanguageSettings settings = language.settings();
        return BuildFilters.describe(extractor.getClass().getSimpleName(), identifier, settings,
                quality, config.networkOrigin(), config.privacy());
    }

    private StopReason read(PageSource source, DatasetBuild build, BuildLimits limits, ConversionWorkers pool)
            throws IOException {
        long start = System.nanoTime();
        long lastRecord = start;
        while (true) {
            long now = System.nanoTime();
            if (limits.expectedPages() > 0 && build.pagesDecoded() >= limits.expectedPages()) {
                return StopReason.EXPECTED_PAGES;
            }
            if (limits.untilCaughtUp() && source.caughtUp()) {
                return StopReason.CAUGHT_UP;
            }
            Duration idleLeft = limits.idleTimeout().minusNanos(now - lastRecord);
            if (idleLeft.isNegative() || idleLeft.isZero()) {
                return StopReason.IDLE;
            }
            Duration totalLeft = limits.maxDuration().minusNanos(now - start);
            if (totalLeft.isNegative() || totalLeft.isZero()) {
                return StopReason.MAX_DURATION;
            }
            Duration wait = min(config.pollInterval(), min(idleLeft, totalLeft));
            List<SourceRecord> records = source.poll(wait);
            if (!records.isEmpty()) {
                build.acceptAll(records, pool);
                // Idle means no records arrived: the time spent converting a batch does not count.
                lastRecord = System.nanoTime();
                progress.update(build.recordsRead(), build.rows());
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
