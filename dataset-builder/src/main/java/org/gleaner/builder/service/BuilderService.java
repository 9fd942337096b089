package org.gleaner.builder.service;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.gleaner.builder.build.BuildLimits;
import org.gleaner.builder.build.BuildResult;
import org.gleaner.builder.build.DatasetBuilder;
import org.gleaner.builder.build.DatasetBuilderConfig;
import org.gleaner.builder.consent.ledger.ConsentSnapshot;
import org.gleaner.builder.consent.ledger.LedgerConsentSource;
import org.gleaner.builder.ingest.KafkaPageSource;
import org.gleaner.builder.manifest.ManifestSettings;
import org.gleaner.builder.pii.CommitmentMapper;
import org.gleaner.builder.revocation.RevocationFollower;
import org.gleaner.builder.revocation.RevocationOutcome;
import org.gleaner.builder.revocation.RevocationProcessor;
import org.gleaner.builder.version.DatasetVersions;
import org.gleaner.builder.version.SourcePositions;
import org.gleaner.protocol.note.NoteSigner;

/**
 * The long-running dataset builder of one dataset: builds a new version from the pages its consumer group has
 * not built yet (each version holds new pages only) (when enough are waiting, or some have waited long enough), each as of the consent ledger's
 * latest checkpoint, and follows the ledger to publish a deletion delta and compacted versions when a grant that
 * published rows carry is revoked. One thread does both, in turn, so builds and compactions never overlap in the
 * dataset directory. At start-up it completes or removes what an interrupted run left.
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
    private long lastBuildNanos = System.nanoTime();

    /**
     * @param consent     the builder's view of the consent ledger; null builds without one (every identifier is
     *                    unlicensed, manifests name no checkpoint) and follows no revocations
     * @param commitments the ledger's commitment service (required with {@code consent})
     */
    public BuilderService(BuilderServiceSettings settings, NoteSigner signer, LedgerConsentSource consent,
            CommitmentMapper commitments, BuilderFactory builders, PrintStream progress) {
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
    }

    /** Runs until {@code stop} says so: start-up recovery, then builds and revocation checks in turn. */
    public void run(BooleanSupplier stop) throws Exception {
        int fixed = revocations.recover();
        if (fixed > 0) {
            progress.println("builder: recovered " + fixed + " interrupted step(s) in " + settings.build().datasetDir());
        }
        while (!stop.getAsBoolean()) {
            checkRevocations();
            long pending = backlog.pending();
            boolean due = System.nanoTime() - lastBuildNanos >= settings.buildEvery().toNanos();
            if (pending >= settings.buildMinPages() || (pending > 0 && due)) {
                buildOnce();
            } else {
                Thread.sleep(settings.poll().toMillis());
            }
        }
    }

    /** One revocation check; what it published. */
    public List<RevocationOutcome> checkRevocations() throws Exception {
        if (follower == null) {
            return List.of();
        }
        List<RevocationOutcome> published = follower.checkOnce();
        for (RevocationOutcome o : published) {
            progress.printf("builder: published %s: %d rows removed, %d re-redacted (revoked grants: %d); %s%n",
                    o.delta().relativePath(), o.delta().removedRows(), o.delta().redactedRows(),
                    o.delta().revokedGrantIds().size(),
                    o.compactions().stream().map(c -> "v" + c.version() + " -> v" + c.compactedVersion() + " ("
                            + c.filesRewritten() + " files rewritten, " + c.filesCarried() + " carried)").toList());
        }
        return published;
    }

    /** Builds the next version from the waiting pages, as of the ledger's latest checkpoint. */
    public BuildResult buildOnce() throws Exception {
        String version = nextVersion();
        DatasetBuilderConfig config = settings.build().withVersion(version);
        ManifestSettings manifest = ManifestSettings.signedBy(signer);
        if (consent != null) {
            ConsentSnapshot asOf = consent.snapshot(Duration.ofSeconds(60));
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
            result = builders.create(config).withManifest(manifest)
                .withProgress((read, rows) -> progress.printf("builder: v%s: %d records read, %d rows%n", version, read, rows))
                .build(pages, BuildLimits.untilCaughtUp(settings.idleTimeout()).withMaxDuration(settings.maxBuild()));
        }
        lastBuildNanos = System.nanoTime();
        progress.printf("builder: published v%s: %d rows in %d files, %d records read, %d skipped%n", version,
                result.rows(), result.files().size(), result.recordsRead(), result.totalSkipped());
        return result;
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
