package org.gleaner.coordinator.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.gleaner.coordinator.web.ApiToken;
import org.gleaner.coordinator.web.CoordinatorWebApp;
import org.springframework.context.ConfigurableApplicationContext;
import java.util.List;
import java.util.concurrent.Callable;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.shard.ShardedCoordinator;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.cli.KafkaOptions;
import org.gleaner.protocol.kafka.KafkaConnection;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gleaner coordinator serve-shared}: one instance of a frontier that several coordinator instances share
 * (decision 0032). Run it on each machine with the same key, topic prefix and peer token, naming the other
 * instances' lease endpoints with {@code --peer}.
 */
@Command(name = "serve-shared", mixinStandardHelpOptions = true, resourceBundle = "org.gleaner.coordinator.cli.ServeShared",
        description = {"Runs one instance of a coordinator whose frontier is shared with other instances over Kafka partitions: "
                + "owns the partitions the consumer group assigns it, serves POST /v1/leases, forwards what it cannot serve to "
                + "its peers, takes over the partitions of an instance that stops, serves the network's REST API (jobs, node stats, "
                + "statements) and, while it owns partition 0, closes reward epochs. Prints progress every 10 s on stderr."})
public final class CoordinatorServeSharedCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    KafkaOptions kafka;

    @CommandLine.Mixin
    NetworkOptions network = new NetworkOptions();

    @CommandLine.Mixin
    ListenOptions listen = new ListenOptions();

    @Option(names = "--peer-token-file", required = true, paramLabel = "FILE",
            description = "File holding the secret (32-256 characters) instances present when they forward a request to each other.")
    Path peerTokenFile;

    @Option(names = "--peer", paramLabel = "URL", description = "Base URL of another instance's lease endpoint (repeatable).")
    List<String> peers = List.of();

    @Option(names = "--name", defaultValue = "instance", description = "This instance's name, for logs (default: ${DEFAULT-VALUE}).")
    String name;

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
        if (!name.matches("[a-zA-Z0-9._-]{1,64}")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--name must be 1-64 of [a-zA-Z0-9._-]");
        }
        for (String peer : peers) {
            if (!peer.matches("https?://[^\\s/]+/?")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--peer must be http(s)://host:port, got " + peer);
            }
        }
        CrawlJob job = jobOptions.job(spec);
        KafkaConnection connection = kafka.connection();
        Topics topics = network.topics(spec);
        String peerToken;
        try {
            peerToken = Files.readString(peerTokenFile).strip();
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--peer-token-file: no such file: " + peerTokenFile);
        }
        if (peerToken.length() < 32 || peerToken.length() > 256) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--peer-token-file: the token must be 32-256 characters");
        }
        ApiToken token = listen.apiToken(spec);
        Ed25519KeyPair key = network.loadOrCreateKey();
        progress("instance " + name + " of coordinator " + key.publicKey().fingerprint() + ": joining the shared frontier at "
                + connection.describe());
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (GracefulStop stop = new GracefulStop();
                ShardedCoordinator instance = ShardedCoordinator.start(name, config, key, Clock.systemUTC(),
                connection, topics, peerToken, address, metrics, epochLength);
                ConfigurableApplicationContext web = CoordinatorWebApp.start(instance.view(), token, metrics,
                        apiAddress.getHostString(), apiAddress.getPort())) {
            peers.forEach(instance::addPeer);
            progress("REST API on http://" + apiAddress.getHostString() + ":" + web.getEnvironment().getProperty("local.server.port")
                    + " (OpenAPI at /v3/api-docs, metrics at /actuator/prometheus)"
                    + (!listen.jobSubmissionEnabled() ? "; job submission disabled (no --api-token-file)" : ""));
            if (job != null) {
                try {
                    instance.view().submit(job);
                    progress("submitted job " + job.jobId());
                } catch (IllegalStateException e) {
                    progress("job " + job.jobId() + " not submitted: " + e.getMessage());
                }
            }
            progress("leases on " + instance.leaseUrl() + "/v1/leases (Ctrl-C to stop)");
            while (instance.failure().isEmpty()) {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    progress("interrupted; stopping");
                    return 0;
                }
                progress("owns partitions " + instance.ownedPartitions() + ", " + instance.creditedPages() + " pages credited in them"
                        + (instance.lastEpoch() > 0 ? ", closes reward epochs (last: " + instance.lastEpoch() + ")" : ""));
            }
            spec.commandLine().getErr().println("gleaner coordinator serve-shared: ingest stopped: "
                    + instance.failure().map(Throwable::getMessage).orElse("stopped"));
            return 1;
        }
    }

    private void progress(String message) {
        spec.commandLine().getErr().println("coordinator: " + message);
        spec.commandLine().getErr().flush();
    }
}
