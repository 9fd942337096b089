package org.gleaner.builder.service;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.time.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.gleaner.builder.build.BuildLimits;
import org.gleaner.builder.build.BuildResult;
import org.gleaner.builder.build.DatasetBuilder;
import org.gleaner.builder.build.DatasetBuilderConfig;
import org.gleaner.builder.consent.ledger.ConsentSnapshot;
import org.gleaner.builder.consent.ledger.LedgerConsentSource;
import org.gleaner.builder.ingest.KafkaPageSource;
import org.gleaner.builder.manifest.ManifestSettings;
import org.gleaner.builder.manifest.StagedManifest;
import org.gleaner.builder.pii.CommitmentMapper;
import org.gleaner.builder.pii.ConsentContext;
import org.gleaner.builder.retention.RetentionPolicy;
import org.gleaner.builder.retention.SupersededSweeper;
import org.gleaner.builder.retention.SweepResult;
import org.gleaner.builder.revocation.RevocationFollower;
import org.gleaner.builder.revocation.RevocationOutcome;
import org.gleaner.builder.revocation.RevocationProcessor;
import org.gleaner.builder.version.DatasetVersions;
import org.gleaner.builder.version.SourcePositions;
import org.gleaner.protocol.note.NoteSigner;

/**
 * The long-running dataset builder of one dataset: builds a new version from the pages its consumer group has
 * not built yet (each version holds new pages only) (when enough are waiting, or some have waited long enough),
 * each as of the consent ledger's latest checkpoint, and follows the ledger to publish a deletion delta and
 * compacted versions when a grant that published rows carry is revoked.
 *
 * <p>Builds run on the caller's thread; revocations are followed on a thread of their own
 * ({@code builder-revocations}), so a long build never delays a revocation: it is published within one poll
 * interval plus the compaction's own time. Every revocation pass, every retention sweep and every build's
 * publication hold one publish lock; a build is published through {@link #publishBuild}, which publishes it
 * already superseded, with a delta and its compacted version, when it holds rows of a grant revoked while it ran,
 * so a build never becomes a live version holding revoked rows. A pass leaves the directory of a build in
 * progress alone. At start-up (before either thread starts) it completes or removes what an interrupted run left.
 */
public final class BuilderService implements Closeable {
    private final BuilderServiceSettings settings;
    private final NoteSigner signer;
    private final LedgerConsentSource consent;
    private final CommitmentMapper commitments;
    private final BuilderFactory builders;
    private final PrintStream progress;
    private final RevocationProcessor revocations;
    private final RevocationFollower follower;
    private final TopicBacklog backlog;
    private final SupersededSweeper sweeper;
    private final ReentrantLock publishLock = new ReentrantLock();
    private final BuilderMetrics metrics;
    private int revokedSeen;
    private long lastBuildNanos = System.nanoTime();
    private long lastSweepNanos;

    /**
     * @param consent     the builder's view of the consent ledger; null builds without one (every identifier is
     *                    unlicensed, manifests name no checkpoint) and follows no revocations
     * @param commitments the ledger's commitment service (required with {@code consent})
     */
    public BuilderService(BuilderServiceSettings settings, NoteSigner signer, LedgerConsentSource consent,
            CommitmentMapper commitments, BuilderFactory builders, PrintStream progress) {
        this(settings, signer, consent, commitments, builders, progress, RetentionPolicy.DEFAULT);
    }

    /** @param retention how long superseded versions keep their data files (swept once an hour) */
    public BuilderService(BuilderServiceSettings settings, NoteSigner signer, LedgerConsentSource consent,
            CommitmentMapper commitments, BuilderFactory builders, PrintStream progress, RetentionPolicy retention) {
        this(settings, signer, consent, commitments, builders, progress, retention, new SimpleMeterRegistry());
    }

    /** @param metrics where the service's figures go ({@link BuilderMetrics}; e.g. a Prometheus registry) */
    public BuilderService(BuilderServiceSettings settings, NoteSigner signer, LedgerConsentSource consent,
            CommitmentMapper commitments, BuilderFactory builders, PrintStream progress, RetentionPolicy retention,
            MeterRegistry metrics) {
        this.metrics = new BuilderMetrics(Objects.requireNonNull(metrics, "metrics"), consent != null);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.consent = consent;
        this.commitments = commitments;
        if (consent != null && commitments == null) {
            throw new IllegalArgumentException("a consent source needs the ledger's commitment service");
        }
        this.builders = Objects.requireNonNull(builders, "builders");
        this.progress = Objects.requireNonNull(progress, "progress");
        DatasetBuilderConfig b = settings.build();
        this.revocations = new RevocationProcessor(b.datasetDir(), signer);
        this.follower = consent == null ? null : new RevocationFollower(consent, List.of(revocations), Duration.ofSeconds(60),
                commitments);
        this.backlog = new TopicBacklog(settings.bootstrapServers(), b.kafkaProperties(), settings.pagesTopic(), b.groupId());
        this.sweeper = new SupersededSweeper(b.datasetDir(), Objects.requireNonNull(retention, "retention"), Clock.systemUTC());
        this.lastSweepNanos = System.nanoTime() - SWEEP_EVERY.toNanos();
    }

    private static final Duration SWEEP_EVERY = Duration.ofHours(1);

    /**
     * Runs until {@code stop} says so: start-up recovery, then builds on this thread and revocation checks and
     * retention sweeps on the {@code builder-revocations} thread. A failure on either thread ends the run.
     */
    public void run(BooleanSupplier stop) throws Exception {
        int fixed = revocations.recover();
        if (fixed > 0) {
            progress.println("builder: recovered " + fixed + " interrupted step(s) in " + settings.build().datasetDir());
        }
        for (DatasetVersions.Version v : DatasetVersions.list(settings.build().datasetDir())) {
            metrics.currentVersion(v.name());
        }
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread revocationThread = new Thread(() -> {
            try {
                while (!stopping.get() && !stop.getAsBoolean()) {
                    checkRevocations();
                    sweepIfDue();
                    Thread.sleep(settings.poll().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "builder-revocations");
        revocationThread.setDaemon(true);
        revocationThread.start();
        try {
            while (!stop.getAsBoolean()) {
                rethrow(failure.get());
                long pending = backlog.pending();
                boolean due = System.nanoTime() - lastBuildNanos >= settings.buildEvery().toNanos();
                if (pending >= settings.buildMinPages() || (pending > 0 && due)) {
                    buildOnce();
                } else {
                    Thread.sleep(settings.poll().toMillis());
                }
            }
        } finally {
            // Not interrupted: an interrupt would close a file channel in the middle of a write. Passes are
            // crash-safe, so a pass still running when the wait ends is completed or removed at the next start.
            stopping.set(true);
            revocationThread.join(Duration.ofSeconds(60).toMillis());
        }
        rethrow(failure.get());
    }

    private static void rethrow(Throwable t) throws Exception {
        if (t instanceof Exception e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    /** One revocation check, under the publish lock; what it published. */
    public List<RevocationOutcome> checkRevocations() throws Exception {
        if (follower == null) {
            return List.of();
        }
        List<RevocationOutcome> published;
        publishLock.lock();
        try {
            long seenAt = System.nanoTime();
            try {
                published = follower.checkOnce();
            } catch (LedgerConsentSource.ConsentSourceException e) {
                metrics.consentUnanswered();
                throw e;
            }
            metrics.consentAnswered();
            Duration sinceSeen = Duration.ofNanos(System.nanoTime() - seenAt);
            published.forEach(o -> metrics.deltaPublished(o, sinceSeen));
            int handled = follower.revokedHandled();
            if (handled > revokedSeen) {
                metrics.revocationsSeen(handled - revokedSeen);
                revokedSeen = handled;
            }
        } finally {
            publishLock.unlock();
        }
        published.forEach(this::report);
        return published;
    }

    private void report(RevocationOutcome o) {
        progress.printf("builder: published %s: %d rows removed, %d re-redacted (revoked grants: %d); %s%n",
                o.delta().relativePath(), o.delta().removedRows(), o.delta().redactedRows(),
                o.delta().revokedGrantIds().size(),
                o.compactions().stream().map(c -> "v" + c.version() + " -> v" + c.compactedVersion() + " ("
                        + c.filesRewritten() + " files rewritten, " + c.filesCarried() + " carried)").toList());
    }

    /** Removes superseded versions' data files whose retention passed, at most once an hour, under the publish lock. */
    SweepResult sweepIfDue() throws IOException {
        if (System.nanoTime() - lastSweepNanos < SWEEP_EVERY.toNanos()) {
            return null;
        }
        SweepResult r;
        publishLock.lock();
        try {
            r = sweeper.sweep();
        } finally {
            publishLock.unlock();
        }
        lastSweepNanos = System.nanoTime();
        metrics.swept(r);
        if (!r.sweptVersions().isEmpty()) {
            progress.printf("builder: retention: removed %d data file(s), %d bytes, of superseded v%s (manifests kept)%n",
                    r.filesRemoved(), r.bytesRemoved(), String.join(", v", r.sweptVersions()));
        }
        return r;
    }

    /** Builds the next version from the waiting pages, as of the ledger's latest checkpoint. */
    public BuildResult buildOnce() throws Exception {
        metrics.buildStarted();
        try {
            BuildResult result = build();
            metrics.buildPublished(result);
            return result;
        } catch (Exception | Error e) {
            metrics.buildFailed();
            throw e;
        }
    }

    private BuildResult build() throws Exception {
        String version = nextVersion();
        DatasetBuilderConfig config = settings.build().withVersion(version);
        ManifestSettings manifest = ManifestSettings.signedBy(signer);
        if (consent != null) {
            ConsentSnapshot asOf = askLedger();
            config = config.withPrivacy(asOf.privacy(config.privacy(), commitments));
            manifest = asOf.manifest(manifest);
            progress.printf("builder: building v%s as of ledger checkpoint %d%n", version, asOf.treeSize());
        } else {
            progress.printf("builder: building v%s (no consent ledger: every identifier is treated as unlicensed)%n", version);
        }
        BuildResult result;
        // Each version holds the pages no earlier version read: it starts where the last version's signed
        // source.json says (the group's commit after publishing is only a fallback a crash can lose).
        try (KafkaPageSource pages = new KafkaPageSource(settings.bootstrapServers(), settings.pagesTopic(),
                config.groupId(), config.kafkaProperties(), KafkaPageSource.StartPosition.COMMITTED)
                .startingAt(SourcePositions.latest(config.datasetDir()))) {
            result = builders.create(config).withManifest(manifest).withCommitGate(this::publishBuild)
                .withProgress((read, rows) -> progress.printf("builder: v%s: %d records read, %d rows%n", version, read, rows))
                .build(pages, BuildLimits.untilCaughtUp(settings.idleTimeout()).withMaxDuration(settings.maxBuild()));
        }
        lastBuildNanos = System.nanoTime();
        progress.printf("builder: published v%s: %d rows in %d files, %d records read, %d skipped%n", version,
                result.rows(), result.files().size(), result.recordsRead(), result.totalSkipped());
        return result;
    }

    /**
     * The build's commit gate: under the publish lock, the finished version is published as it is, or, when it
     * holds rows of a grant revoked while it was built, already superseded together with a delta and its
     * compacted version ({@link RevocationProcessor#publishBuild}). If the ledger cannot be asked, the version is
     * published as it is: no revocation can be seen then, and the revocation thread compacts it once one can.
     */
    private void publishBuild(StagedManifest staged) throws IOException {
        if (consent == null) {
            staged.commit();
            return;
        }
        publishLock.lock();
        try {
            ConsentSnapshot now;
            long seenAt = System.nanoTime();
            try {
                now = askLedger();
            } catch (LedgerConsentSource.ConsentSourceException e) {
                progress.println("builder: the ledger cannot be asked before publishing v" + staged.manifest().version()
                        + " (" + e.getMessage() + "); published as built, revocations follow when it answers");
                staged.commit();
                return;
            }
            RevocationOutcome o = revocations.publishBuild(staged, consent.revokedBefore(now.verified()),
                    now.manifestCheckpoint(), new ConsentContext(now.lookup(), commitments, now.lookupCheckpoint()));
            if (o.published()) {
                metrics.deltaPublished(o, Duration.ofNanos(System.nanoTime() - seenAt));
                report(o);
            }
        } finally {
            publishLock.unlock();
        }
    }

    private ConsentSnapshot askLedger() throws LedgerConsentSource.ConsentSourceException {
        try {
            ConsentSnapshot s = consent.snapshot(Duration.ofSeconds(60));
            metrics.consentAnswered();
            return s;
        } catch (LedgerConsentSource.ConsentSourceException e) {
            metrics.consentUnanswered();
            throw e;
        }
    }

    /** The next whole-number version after the highest whole-number version in the dataset directory. */
    String nextVersion() throws IOException {
        long max = 0;
        for (DatasetVersions.Version v : DatasetVersions.list(settings.build().datasetDir())) {
            if (v.name().matches("[0-9]{1,18}")) {
                max = Math.max(max, Long.parseLong(v.name()));
            }
        }
        return Long.toString(max + 1);
    }

    @Override
    public void close() {
        backlog.close();
    }
}
