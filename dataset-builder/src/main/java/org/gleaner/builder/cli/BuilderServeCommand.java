package org.gleaner.builder.cli;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gleaner.builder.api.DatasetApiServer;
import org.gleaner.builder.api.DatasetApiSettings;
import org.gleaner.builder.retention.RetentionPolicy;
import org.gleaner.builder.service.BuilderFactory;
import org.gleaner.builder.service.BuilderService;
import org.gleaner.builder.service.BuilderServiceSettings;
import org.gleaner.builder.service.MetricsAddress;
import org.gleaner.builder.service.MetricsEndpoint;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.gleaner.protocol.note.NoteSigner;
import org.gleaner.protocol.cli.KafkaOptions;
import org.gleaner.protocol.kafka.KafkaConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gleaner builder serve}: the long-running builder of one dataset. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the dataset builder as a service: builds a new version when --build-min-pages pages wait "
                + "(or any page has waited --build-every), each as of the consent ledger's latest checkpoint, and follows "
                + "the ledger on a thread of its own: when a grant that published rows carry is revoked, it publishes a "
                + "signed deletion delta (DATASET/deltas/) and compacted versions, also while a build runs. Superseded "
                + "versions' data files are removed after --retention-days outside the --retention-keep-last (hourly). With --api-keys-file it also serves the dataset API for labs over "
                + "--root. With --metrics-listen it serves Prometheus metrics at /metrics. Runs until interrupted; progress goes to stderr."})
public final class BuilderServeCommand implements Callable<Integer> {
    @Mixin
    BuildOptions build;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    LedgerOptions ledger;

    @Mixin
    LabApiOptions labApi;

    @Option(names = "--build-min-pages", defaultValue = "10000", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    long minPages;

    @Option(names = "--build-every", defaultValue = "3600", paramLabel = "SECONDS", description = "Default: ${DEFAULT-VALUE}.")
    long everySeconds;

    @Option(names = "--poll-ms", defaultValue = "1000", paramLabel = "MS",
            description = "How often the ledger and the pages backlog are checked. Default: ${DEFAULT-VALUE}.")
    long pollMs;

    @Option(names = "--idle-timeout", defaultValue = "10", paramLabel = "SECONDS", description = "Default: ${DEFAULT-VALUE}.")
    long idleSeconds;

    @Option(names = "--max-build", defaultValue = "3600", paramLabel = "SECONDS", description = "Default: ${DEFAULT-VALUE}.")
    long maxBuildSeconds;

    @Option(names = "--retention-days", defaultValue = "30", paramLabel = "N",
            description = "Superseded versions keep their data files this many days (swept hourly). Default: ${DEFAULT-VALUE}.")
    long retentionDays;

    @Option(names = "--retention-keep-last", defaultValue = "2", paramLabel = "K",
            description = "The K most recently superseded versions keep their files whatever their age. Default: ${DEFAULT-VALUE}.")
    int retentionKeepLast;

    @Option(names = "--metrics-listen", paramLabel = "HOST:PORT",
            description = "Serve Prometheus metrics at http://HOST:PORT/metrics (GET only; loopback hosts only: "
                    + "127.0.0.1, [::1] or localhost; port 0 picks a free one). Default: off.")
    String metricsListen;

    private final PrintStream err;
    private final AtomicBoolean stop;

    public BuilderServeCommand() {
        this(System.err, new AtomicBoolean());
    }

    BuilderServeCommand(PrintStream err) {
        this(err, new AtomicBoolean());
    }

    /** @param stop set to end the service (as Ctrl-C does) */
    BuilderServeCommand(PrintStream err, AtomicBoolean stop) {
        this.err = err;
        this.stop = stop;
    }

    /** The endpoint, with the process's JVM figures next to the builder's; a busy port is a bad argument. */
    private MetricsEndpoint startMetrics(MetricsAddress address, PrometheusMeterRegistry metrics) throws IOException {
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        try {
            return MetricsEndpoint.start(address, metrics);
        } catch (BindException e) {
            throw new IllegalArgumentException("--metrics-listen " + metricsListen + ": cannot listen there ("
                    + e.getMessage() + ")");
        }
    }

    @Override
    public Integer call() {
        BuilderServiceSettings settings;
        NoteSigner signer;
        DatasetApiSettings apiSettings;
        BuilderFactory builders;
        RetentionPolicy retention;
        KafkaConnection connection;
        MetricsAddress metricsAddress;
        try {
            metricsAddress = metricsListen == null ? null : MetricsAddress.parse(metricsListen);
            retention = RetentionPolicy.of(retentionDays, retentionKeepLast);
            connection = kafka.connection();
            builders = build.builders();
            settings = new BuilderServiceSettings(build.config("1", connection), connection.bootstrapServers(), build.pagesTopic, minPages,
                    Duration.ofSeconds(everySeconds), Duration.ofMillis(pollMs), Duration.ofSeconds(idleSeconds),
                    Duration.ofSeconds(maxBuildSeconds));
            signer = build.signer();
            apiSettings = LabApiHook.settings(build.root, labApi);
        } catch (Exception e) {
            err.println("gleaner builder serve: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // On Ctrl-C, let the current build or delta finish its step (everything is crash-safe anyway).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.set(true);
            try {
                stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        LedgerOptions.Ledger l = null;
        DatasetApiServer api = null;
        MetricsEndpoint metricsEndpoint = null;
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try {
            if (ledger.configured()) {
                l = ledger.open(connection);
            } else {
                err.println("gleaner builder serve: no --ledger: identifiers are unlicensed and no revocation is followed");
            }
            err.println("gleaner builder serve: dataset " + build.dataset + " in " + build.root + ", signing with "
                    + signer.verifier().encode());
            api = LabApiHook.start(apiSettings, err);
            try (BuilderService service = new BuilderService(settings, signer, l == null ? null : l.source(),
                    l == null ? null : l.commitments(), builders, err, retention, metrics)) {
                if (metricsAddress != null) {
                    metricsEndpoint = startMetrics(metricsAddress, metrics);
                    err.println("gleaner builder serve: metrics at " + metricsEndpoint.url());
                }
                service.run(stop::get);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("gleaner builder serve: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("gleaner builder serve: FAILED: " + e.getMessage());
            return 1;
        } finally {
            if (l != null) {
                l.source().close();
            }
            if (api != null) {
                api.close();
            }
            if (metricsEndpoint != null) {
                metricsEndpoint.close();
            }
            metrics.close();
            stopped.countDown();
        }
    }
}
