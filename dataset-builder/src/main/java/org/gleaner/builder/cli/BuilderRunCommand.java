package org.gleaner.builder.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.gleaner.builder.build.BuildLimits;
import org.gleaner.builder.build.BuildResult;
import org.gleaner.builder.build.DatasetBuilder;
import org.gleaner.builder.build.DatasetBuilderConfig;
import org.gleaner.builder.consent.ledger.ConsentSnapshot;
import org.gleaner.builder.ingest.KafkaPageSource;
import org.gleaner.builder.manifest.ManifestSettings;
import org.gleaner.builder.revocation.RevocationProcessor;
import org.gleaner.builder.version.SourcePositions;
import org.gleaner.protocol.note.NoteSigner;
import org.gleaner.protocol.cli.KafkaOptions;
import org.gleaner.protocol.kafka.KafkaConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gleaner builder run}: one build from the pages topic to a signed dataset version. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Builds one dataset version from the pages topic (all of it, or with --from COMMITTED what no earlier build read) "
                + "and publishes it signed: DIR/DATASET/vVERSION/part-*.parquet, README.md, manifest.json(.sig).",
                "With --ledger, identifiers are decided by the consent ledger as of its latest checkpoint, which the "
                + "manifest names. Progress goes to stderr. Exit status: 0 published, 1 failed, 2 bad arguments."})
public final class BuilderRunCommand implements Callable<Integer> {
    @Mixin
    BuildOptions build;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--dataset-version", required = true, paramLabel = "VERSION",
            description = "The version to publish, e.g. 1 or 2026.11.22 (--version is the program's own).")
    String version;

    @Option(names = "--from", defaultValue = "EARLIEST", paramLabel = "WHERE",
            description = "EARLIEST: every page the topic retains; COMMITTED: only pages no earlier build read (from the last "
                    + "version's source.json, else the group's commits). "
                    + "Default: ${DEFAULT-VALUE}.")
    KafkaPageSource.StartPosition from;

    @Option(names = "--idle-timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "Stop after this long without records (else when caught up). Default: ${DEFAULT-VALUE}.")
    long idleSeconds;

    @Option(names = "--max-duration", defaultValue = "3600", paramLabel = "SECONDS", description = "Default: ${DEFAULT-VALUE}.")
    long maxSeconds;

    private final PrintStream out;
    private final PrintStream err;

    public BuilderRunCommand() {
        this(System.out, System.err);
    }

    BuilderRunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        DatasetBuilderConfig config;
        NoteSigner signer;
        KafkaConnection connection;
        try {
            if (idleSeconds < 1 || maxSeconds < 1) {
                throw new IllegalArgumentException("--idle-timeout and --max-duration must be positive");
            }
            connection = kafka.connection();
            config = build.config(version, connection);
            signer = build.signer();
        } catch (Exception e) {
            err.println("gleaner builder run: " + e.getMessage());
            return 2;
        }
        try {
            ManifestSettings manifest = ManifestSettings.signedBy(signer);
            LedgerOptions.Ledger l = null;
            if (ledger.configured()) {
                l = ledger.open(connection);
                ConsentSnapshot asOf = l.source().snapshot(Duration.ofSeconds(60));
                config = config.withPrivacy(asOf.privacy(config.privacy(), l.commitments()));
                manifest = asOf.manifest(manifest);
                err.printf("gleaner builder run: consent as of ledger checkpoint %d (%s)%n", asOf.treeSize(),
                        asOf.manifestCheckpoint().origin());
            } else {
                err.println("gleaner builder run: no --ledger: every personal identifier is treated as unlicensed");
            }
            err.println("gleaner builder run: signing with " + signer.verifier().encode());
            // One builder per dataset directory: complete or remove what an interrupted run left (a version without
            // a manifest, a half-published delta) before building.
            int fixed = new RevocationProcessor(config.datasetDir(), signer).recover();
            if (fixed > 0) {
                err.println("gleaner builder run: recovered " + fixed + " interrupted step(s) in " + config.datasetDir());
            }
            String v = version;
            KafkaPageSource source = new KafkaPageSource(connection.bootstrapServers(), build.pagesTopic, config.groupId(), config.kafkaProperties(), from);
            if (from == KafkaPageSource.StartPosition.COMMITTED) {
                source.startingAt(SourcePositions.latest(config.datasetDir()));
            }
            try (KafkaPageSource pages = source) {
                BuildResult r = new DatasetBuilder(config).withQuality(build.quality()).withManifest(manifest)
                        .withProgress((read, rows) -> err.printf("gleaner builder run: v%s: %d records read, %d rows%n", v, read, rows))
                        .build(pages, BuildLimits.untilCaughtUp(Duration.ofSeconds(idleSeconds))
                                .withMaxDuration(Duration.ofSeconds(maxSeconds)));
                out.printf("published %s v%s: %d rows in %d files (%d records read, %d skipped) in %s%n", r.datasetName(),
                        r.version(), r.rows(), r.files().size(), r.recordsRead(), r.totalSkipped(), config.versionDir());
            } finally {
                if (l != null) {
                    l.source().close();
                }
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("gleaner builder run: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("gleaner builder run: FAILED: " + e.getMessage());
            return 1;
        }
    }
}
