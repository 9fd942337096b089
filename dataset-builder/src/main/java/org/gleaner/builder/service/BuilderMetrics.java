package org.gleaner.builder.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.gleaner.builder.build.BuildResult;
import org.gleaner.builder.convert.SkipReason;
import org.gleaner.builder.retention.SweepResult;
import org.gleaner.builder.revocation.RevocationOutcome;

/**
 * The long-running builder's operational figures on a Micrometer registry. Tags are bounded: the only one is
 * {@code reason}, from {@link SkipReason}; no URL, grant, subject or version name ever becomes a tag. Every meter
 * is registered up front, so a scrape shows zeros before the first build rather than nothing.
 */
public final class BuilderMetrics {
    static final String PREFIX = "gleaner.builder.";

    private final Counter buildsStarted;
    private final Counter buildsPublished;
    private final Counter buildsFailed;
    private final Counter rowsWritten;
    private final Counter recordsRead;
    private final Map<SkipReason, Counter> skipped = new EnumMap<>(SkipReason.class);
    private final Timer buildDuration;
    private final AtomicInteger consentAvailable = new AtomicInteger();
    private final Counter consentUnavailable;
    private final Counter revocationsSeen;
    private final Counter deltasPublished;
    private final Counter deltaRowsRemoved;
    private final Counter deltaRowsRedacted;
    private final Counter versionsCompacted;
    private final Timer revocationToPublished;
    private final Counter sweeps;
    private final Counter sweptVersions;
    private final Counter sweptFiles;
    private final Counter sweptBytes;
    private final AtomicLong currentVersion = new AtomicLong();

    /** @param followsLedger whether the service asks a consent ledger (without one, no availability gauge) */
    public BuilderMetrics(MeterRegistry registry, boolean followsLedger) {
        Objects.requireNonNull(registry, "registry");
        buildsStarted = counter(registry, "builds.started", "Builds begun");
        buildsPublished = counter(registry, "builds.published", "Builds published as a version");
        buildsFailed = counter(registry, "builds.failed", "Builds that ended in an error");
        rowsWritten = counter(registry, "rows.written", "Rows written into published versions");
        recordsRead = counter(registry, "records.read", "Records read from the pages topic by published builds");
        for (SkipReason r : SkipReason.values()) {
            skipped.put(r, Counter.builder(PREFIX + "pages.skipped").description("Records that gave no row, by reason")
                    .tag("reason", r.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        buildDuration = Timer.builder(PREFIX + "build.duration").description("Wall-clock time of published builds")
                .register(registry);
        if (followsLedger) {
            Gauge.builder(PREFIX + "consent.source.available", consentAvailable, AtomicInteger::get)
                    .description("1 when the last question to the consent ledger was answered, 0 when it was not or before the first")
                    .register(registry);
        }
        consentUnavailable = counter(registry, "consent.source.failures", "Questions the consent ledger did not answer");
        revocationsSeen = counter(registry, "revocations.seen",
                "Revoked grants this process has seen on the ledger (all of them again after a restart)");
        deltasPublished = counter(registry, "deltas.published", "Signed deletion deltas published");
        deltaRowsRemoved = counter(registry, "delta.rows.removed", "Rows deleted by published deltas");
        deltaRowsRedacted = counter(registry, "delta.rows.redacted", "Rows re-redacted by published deltas");
        versionsCompacted = counter(registry, "versions.compacted", "Compacted versions published for deltas");
        revocationToPublished = Timer.builder(PREFIX + "revocation.publish.latency")
                .description("From the ledger checkpoint showing a revocation to its delta and compacted versions published")
                .register(registry);
        sweeps = counter(registry, "retention.sweeps", "Retention sweeps run");
        sweptVersions = counter(registry, "retention.versions.removed", "Superseded versions whose data files were removed");
        sweptFiles = counter(registry, "retention.files.removed", "Data files removed by retention");
        sweptBytes = Counter.builder(PREFIX + "retention.removed").baseUnit("bytes")
                .description("Bytes of data files removed by retention").register(registry);
        Gauge.builder(PREFIX + "dataset.version", currentVersion, AtomicLong::get)
                .description("The highest whole-number version in the dataset directory (0 before the first)")
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder(PREFIX + name).description(description).register(registry);
    }

    void buildStarted() {
        buildsStarted.increment();
    }

    void buildFailed() {
        buildsFailed.increment();
    }

    void buildPublished(BuildResult result) {
        buildsPublished.increment();
        rowsWritten.increment(result.rows());
        recordsRead.increment(result.recordsRead());
        result.skipped().forEach((reason, count) -> skipped.get(reason).increment(count));
        buildDuration.record(result.elapsed());
        currentVersion(result.version());
    }

    /** Records the highest whole-number version; other names (compacted {@code 1-d000001}) leave it as it is. */
    void currentVersion(String version) {
        if (version.matches("[0-9]{1,18}")) {
            currentVersion.accumulateAndGet(Long.parseLong(version), Math::max);
        }
    }

    void consentAnswered() {
        consentAvailable.set(1);
    }

    void consentUnanswered() {
        consentAvailable.set(0);
        consentUnavailable.increment();
    }

    void revocationsSeen(long newlySeen) {
        revocationsSeen.increment(newlySeen);
    }

    /** A published delta and its compacted versions, {@code sinceSeen} after the checkpoint that showed it. */
    void deltaPublished(RevocationOutcome outcome, Duration sinceSeen) {
        deltasPublished.increment();
        deltaRowsRemoved.increment(outcome.delta().removedRows());
        deltaRowsRedacted.increment(outcome.delta().redactedRows());
        versionsCompacted.increment(outcome.compactions().size());
        revocationToPublished.record(sinceSeen);
    }

    void swept(SweepResult result) {
        sweeps.increment();
        sweptVersions.increment(result.sweptVersions().size());
        sweptFiles.increment(result.filesRemoved());
        sweptBytes.increment(result.bytesRemoved());
    }
}
