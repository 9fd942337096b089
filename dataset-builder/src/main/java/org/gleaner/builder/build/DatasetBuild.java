package org.gleaner.builder.build;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.gleaner.builder.convert.ConversionWorkers;
import org.gleaner.builder.convert.PageConversion;
import org.gleaner.builder.convert.PageToRow;
import org.gleaner.builder.convert.SkipReason;
import org.gleaner.builder.dedup.ExactDuplicates;
import org.gleaner.builder.dedup.DedupKeys;
import org.gleaner.builder.dedup.NearDuplicates;
import org.gleaner.builder.ingest.SourceRecord;
import org.gleaner.builder.parquet.PartitionedParquetFiles;
import org.gleaner.builder.quality.QualityAction;
import org.gleaner.builder.row.DocumentId;
import org.gleaner.builder.parquet.WrittenFile;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.page.FetchedPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One build in progress: every record it is given is decoded, converted and either written as a row or
 * counted under a {@link SkipReason}; rows stream into the version's pending Parquet part files, one per
 * normalized URL (the first one read wins). {@link #finish} publishes the files; {@link #close} without finishing abandons it.
 * Nothing is lost silently: {@code recordsRead == rows + totalSkipped}.  Not thread-safe: one thread calls it,
 * and {@link #acceptAll} spreads the per-page work over the given workers itself.
 */
public final class DatasetBuild implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatasetBuild.class);
    public static final int MAX_MALFORMED_SAMPLES = 100;

    private final DatasetBuilderConfig config;
    private final PageToRow converter;
    private final PartitionedParquetFiles file;
    private final long startNanos = System.nanoTime();
    private final Set<String> seenUrls = new HashSet<>();
    private final ExactDuplicates exactDuplicates = new ExactDuplicates();
    private final NearDuplicates nearDuplicates = new NearDuplicates();
    private final EnumMap<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    private final List<MalformedRecord> malformed = new ArrayList<>();
    private long recordsRead;
    private long pagesDecoded;
    private boolean finished;

    public DatasetBuild(DatasetBuilderConfig config, PageToRow converter, PartitionedParquetFiles file) {
        this.config = Objects.requireNonNull(config, "config");
        this.converter = Objects.requireNonNull(converter, "converter");
        this.file = Objects.requireNonNull(file, "file");
    }

    /** Decodes, converts and writes or counts one record. Only an I/O error writing the file throws. */
    public void accept(SourceRecord record) throws IOException {
        Prepared prepared = prepare(record);
        if (prepared.conversion() instanceof PageConversion.Candidate candidate) {
            prepared = prepared.with(converter.finish(candidate));
        }
        commit(prepared);
    }

    /**
     * Decodes and converts the records on {@code workers}' threads, then dedups and writes them in the
     * records' order: the rows and counts are the same as {@link #accept} one by one. When quality only flags
     * (the default), candidates are deduped before their language and quality are measured, so duplicates cost
     * neither; under {@code action = drop} a page failing a rule must not enter the dedup indexes, so every
     * candidate is finished first.
     *
     * <p>The ordered work (counting, dedup, writing) runs on this thread slice by slice as the workers hand the
     * slices back, while they go on with later ones, instead of after all of them: the workers do not wait for
     * it, nor for the slowest slice of a phase before the next phase starts.
     */
    public void acceptAll(List<SourceRecord> records, ConversionWorkers workers) throws IOException {
        boolean dropping = converter.quality().action() == QualityAction.DROP;
        Deque<ConversionWorkers.Task<Prepared>> preparing = new ArrayDeque<>();
        Deque<ConversionWorkers.Task<Prepared>> finishing = new ArrayDeque<>();
        try {
            for (List<SourceRecord> slice : workers.slices(records)) {
                preparing.add(workers.submit(slice, dropping ? r -> finish(prepare(r)) : this::prepare));
            }
            while (!preparing.isEmpty()) {
                List<Prepared> slice = preparing.poll().join();
                if (dropping) {
                    for (Prepared p : slice) {
                        commit(p);
                    }
                    continue;
                }
                List<Prepared> kept = new ArrayList<>(slice.size());
                for (Prepared p : slice) {
                    if (countOrKeep(p)) {
                        kept.add(p);
                    }
                }
                if (!kept.isEmpty()) {
                    finishing.add(workers.submit(kept, this::finish));
                }
                while (!finishing.isEmpty() && finishing.peek().isDone()) {
                    writeFinished(finishing.poll());
                }
            }
            while (!finishing.isEmpty()) {
                writeFinished(finishing.poll());
            }
        } finally {
            preparing.forEach(ConversionWorkers.Task::cancel);
            finishing.forEach(ConversionWorkers.Task::cancel);
        }
    }

    private void writeFinished(ConversionWorkers.Task<Prepared> task) throws IOException {
        for (Prepared p : task.join()) {
            if (!(p.conversion() instanceof PageConversion.Converted c)) {
                throw new IllegalStateException("a flagging quality policy skipped a page: " + p.conversion());
            }
            file.write(c.row());
        }
    }

    /** The order-independent first part of a record's work (thread-safe): decoding, checks, extraction, personal data, dedup keys. */
    private Prepared prepare(SourceRecord record) {
        FetchedPage page;
        try {
            if (record.value() == null) {
                throw new MalformedRecordException("null value (tombstone)");
            }
            page = FetchedPage.decode(record.value());
        } catch (MalformedRecordException | RuntimeException e) {
            return new Prepared(record, e, null, null);
        }
        PageConversion conversion = converter.prepare(page);
        DedupKeys keys = conversion instanceof PageConversion.Candidate c ? DedupKeys.of(c.text()) : null;
        return new Prepared(record, null, conversion, keys);
    }

    /** The second part (thread-safe): a candidate's language, quality and row. */
    private Prepared finish(Prepared prepared) {
        return prepared.conversion() instanceof PageConversion.Candidate candidate
                ? prepared.with(converter.finish(candidate))
                : prepared;
    }

    private record Prepared(SourceRecord record, Exception malformed, PageConversion conversion, DedupKeys dedup) {
        Prepared with(PageConversion next) {
            return new Prepared(record, malformed, next, dedup);
        }
    }

    /** The order-dependent part, in record order: counting, dedup and writing. */
    private void commit(Prepared prepared) throws IOException {
        if (countOrKeep(prepared) && prepared.conversion() instanceof PageConversion.Converted c) {
            file.write(c.row());
        }
    }

    /**
     * Counts the record and, for a page with text, decides dedup in record order (indexing it when it is the
     * first of its kind): true when the page is to be written.
     */
    private boolean countOrKeep(Prepared prepared) {
        recordsRead++;
        SourceRecord record = prepared.record();
        if (prepared.malformed() != null) {
            malformed(record, prepared.malformed());
            return false;
        }
        pagesDecoded++;
        PageConversion conversion = prepared.conversion();
        if (conversion instanceof PageConversion.Skipped s) {
            count(s.reason());
            log.debug("skipped {} ({}): {}", record.position(), s.reason(), s.detail());
            return false;
        }
        String normalizedUrl;
        String id;
        if (conversion instanceof PageConversion.Converted c) {
            normalizedUrl = c.normalizedUrl();
            id = c.row().id();
        } else {
            PageConversion.Candidate c = (PageConversion.Candidate) conversion;
            normalizedUrl = c.normalizedUrl().url();
            id = DocumentId.of(normalizedUrl, c.receipt().record().bodySha256().hex());
        }
        if (!seenUrls.add(normalizedUrl)) {
            count(SkipReason.DUPLICATE_URL);
            log.debug("skipped {} (duplicate): {}", record.position(), normalizedUrl);
            return false;
        }
        if (!exactDuplicates.firstSeen(prepared.dedup().exact())) {
            count(SkipReason.EXACT_DUPLICATE);
            return false;
        }
        Optional<String> original = nearDuplicates.duplicateOf(id, prepared.dedup().minHash());
        if (original.isPresent()) {
            count(SkipReason.NEAR_DUPLICATE);
            log.debug("skipped {} (near duplicate of {})", record.position(), original.get());
            return false;
        }
        return true;
    }

    private void malformed(SourceRecord record, Exception e) {
        count(SkipReason.MALFORMED_RECORD);
        String reason = e instanceof MalformedRecordException ? e.getMessage() : e.toString();
        log.warn("malformed page record at {} ({} bytes): {}", record.position(),
                record.value() == null ? 0 : record.value().length, reason);
        if (malformed.size() < MAX_MALFORMED_SAMPLES) {
            malformed.add(new MalformedRecord(record.topic(), record.partition(), record.offset(), reason));
        }
    }

    private void count(SkipReason reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    public long recordsRead() {
        return recordsRead;
    }

    public long pagesDecoded() {
        return pagesDecoded;
    }

    public long rows() {
        return file.rowCount();
    }

    /** Publishes the part files atomically and reports the build. */
    public BuildResult finish(StopReason stopReason) throws IOException {
        if (finished) {
            throw new IllegalStateException("build already finished");
        }
        finished = true;
        List<WrittenFile> written = file.publish();
        BuildResult result = new BuildResult(config.datasetName(), config.version(), written, recordsRead, pagesDecoded,
                Map.copyOf(skipped), malformed, stopReason, Duration.ofNanos(System.nanoTime() - startNanos),
                converter.qualityDrops().snapshot());
        log.info("published {} v{}: {} rows in {} files, {} bytes, {} records read, skipped {}, stopped: {}",
                config.datasetName(), config.version(), result.rows(), written.size(), result.bytes(), recordsRead, skipped, stopReason);
        return result;
    }

    /** Abandons the build unless it finished: the temporary file is deleted and nothing is published. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            finished = true;
            file.close();
        }
    }
}
