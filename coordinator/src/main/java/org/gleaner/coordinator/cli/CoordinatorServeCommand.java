package org.gleaner.coordinator.cli;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.api.LeaseHttpApi;
import org.gleaner.coordinator.durable.DurableCoordinator;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.ingest.CommitHook;
import org.gleaner.coordinator.web.ApiToken;
import org.gleaner.coordinator.web.CoordinatorWebApp;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.cli.KafkaOptions;
import org.gleaner.protocol.kafka.KafkaConnection;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gleaner coordinator serve}: runs a durable coordinator against a Kafka cluster, serving the lease
 * endpoint, until interrupted. State comes back from Kafka on every start; a job given on the command line
 * is submitted only if no job with its id was restored.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the coordinator against Kafka: replays its journal and credits, serves POST /v1/leases, "
                + "the REST API (jobs, node stats, statements; OpenAPI at /v3/api-docs) and Prometheus metrics, "
                + "credits pages exactly once and closes reward epochs. Prints progress every 10 s on stderr."})
public final class CoordinatorServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    KafkaOptions kafka;

    @CommandLine.Mixin
    NetworkOptions network = new NetworkOptions();

    @CommandLine.Mixin
    ListenOptions listen = new ListenOptions();

    @Option(names = "--instance", defaultValue = "main",
            description = "This coordinator's name; a restarted coordinator must reuse it (default: ${DEFAULT-VALUE}).")
    String instance;

    @CommandLine.Mixin
    SpotCheckOptions spotChecks = new SpotCheckOptions();

    @CommandLine.Mixin
    EpochOptions epochs = new EpochOptions();

    @CommandLine.Mixin
    JobOptions jobOptions = new JobOptions();

    @Override
    public Integer call() throws Exception {
        CoordinatorConfig config = spotChecks.applyTo(CoordinatorConfig.defaults(network.origin), spec);
        InetSocketAddress address = listen.leaseAddress(spec);
        InetSocketAddress apiAddress = listen.apiAddress(spec);
        Duration epochLength = epochs.length(spec);
        CrawlJob job = jobOptions.job(spec);
        KafkaConnection connection = kafka.connection();
        Topics topics = network.topics(spec);
        Ed25519KeyPair key = network.loadOrCreateKey();
        progress("coordinator " + key.publicKey().fingerprint() + ": replaying state from Kafka at " + connection.describe());
        ApiToken token = listen.apiToken(spec);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (DurableCoordinator durable = DurableCoordinator.open(config, key, Clock.systemUTC(),
                connection, topics, instance, epochLength, CommitHook.NONE, metrics);
                LeaseHttpApi api = new LeaseHttpApi(durable.coordinator(), address).start();
                ConfigurableApplicationContext web = CoordinatorWebApp.start(durable.coordinator(), durable.epochs(), token, metrics,
                        apiAddress.getHostString(), apiAddress.getPort())) {
            Coordinator coordinator = durable.coordinator();
            progress("REST API on http://" + apiAddress.getHostString() + ":" + web.getEnvironment().getProperty("local.server.port")
                    + " (OpenAPI at /v3/api-docs, metrics at /actuator/prometheus)"
                    + (!listen.jobSubmissionEnabled() ? "; job submission disabled (no --api-token-file)" : ""));
            if (job != null && coordinator.progress(job.jobId()).isPresent()) {
                progress("job " + job.jobId() + " was submitted before; continuing it");
            } else if (job != null) {
                try {
                    coordinator.submit(job);
                    progress("submitted job " + job.jobId());
                } catch (IllegalStateException e) {
                    progress("job " + job.jobId() + " not submitted: " + e.getMessage());
                }
            }
            Thread ingest = new Thread(durable.ingest(), "coordinator-ingest");
            ingest.start();
            progress("leases on " + api.baseUrl() + LeaseHttpApi.PATH + " (Ctrl-C to stop)");
            while (ingest.isAlive()) {
                try {
                    ingest.join(10_000);
                } catch (InterruptedException e) {
                    progress("interrupted; stopping");
                    return 0;
                }
                Coordinator.Stats s = coordinator.stats();
                progress(String.format("%d URLs discovered, %d leases issued, %d pages credited, epoch %d closed%s",
                        s.discoveredUrls(), s.leasesIssued(), s.creditedPages(), durable.epochs().lastEpoch(),
                        coordinator.finished() ? ", job finished" : ""));
            }
            String reason = durable.ingest().failure().map(Throwable::getMessage).orElse("stopped");
            spec.commandLine().getErr().println("gleaner coordinator serve: ingest stopped: " + reason);
            return 1;
        }
    }

    private void progress(String message) {
        spec.commandLine().getErr().println("coordinator: " + message);
        spec.commandLine().getErr().flush();
    }
}
