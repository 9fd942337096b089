package org.gleaner.kafka.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Apache Kafka broker running inside this JVM, in KRaft mode (one process that is both
 * broker and controller), built from Kafka's own server artifacts ({@link KafkaRaftServer}).
 *
 * <p>The storage directory is formatted with Kafka's own {@link Formatter} the first time; starting again
 * on a formatted directory keeps its cluster id, topics and records. Both listeners bind 127.0.0.1 only
 * and speak PLAINTEXT.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().build().start()) {
 *     kafka.createTopic("gleaner.pages", 3);
 *     String bootstrap = kafka.bootstrapServers(); // "127.0.0.1:PORT"
 * }
 * }</pre>
 *
 * <p>Logging: unless {@link Builder#quietLogging(boolean) quietLogging(false)} is set, the loggers
 * {@code kafka}, {@code org.apache.kafka} and {@code state.change.logger} are lowered to WARN (the
 * controller's routine activation message to ERROR) when the
 * SLF4J backend is Logback or Log4j 2 and the application's own configuration leaves their level unset.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** Name of the client listener. */
    public static final String BROKER_LISTENER = "PLAINTEXT";
    /** Name of the KRaft controller listener. */
    public static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Host every listener binds and advertises. */
    public static final String HOST = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int BIND_ATTEMPTS = 5;
    private static final String META_PROPERTIES = "meta.properties";

    private final Path configuredDataDir;
    private final int requestedPort;
    private final Map<String, String> overrides;
    private final boolean quietLogging;
    private final Duration startupTimeout;
    private final String requestedClusterId;

    private Path dataDir;
    private boolean ownsDataDir;
    private int port;
    private int controllerPort;
    private String clusterId;
    private KafkaRaftServer server;
    private Admin admin;
    private boolean closed;

    private EmbeddedKafkaBroker(Builder b) {
        this.configuredDataDir = b.dataDir;
        this.requestedPort = b.port;
        this.overrides = Collections.unmodifiableMap(new LinkedHashMap<>(b.brokerProperties));
        this.quietLogging = b.quietLogging;
        this.startupTimeout = b.startupTimeout;
        this.requestedClusterId = b.clusterId;
        this.port = b.port;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the storage if needed and starts the broker; returns once the broker is registered and
     * unfenced, i.e. ready to serve clients. Calling it on a running broker does nothing; calling it after
     * {@link #stop()} starts again on the same data directory and, where possible, the same port.
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (closed) {
            throw new IllegalStateException("broker is closed");
        }
        if (server != null) {
            return this;
        }
        if (quietLogging) {
            QuietLogging.apply();
        }
        long t0 = System.nanoTime();
        prepareDataDir();
        boolean autoPort = requestedPort == 0 && port == 0;
        RuntimeException last = null;
        for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
            if (port == 0) {
                port = FreePorts.pick();
            }
            controllerPort = FreePorts.pick(port);
            KafkaConfig config = new KafkaConfig(serverProperties(), false);
            format(config);
            KafkaRaftServer candidate = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                candidate.startup();
                server = candidate;
                LOG.info("Embedded Kafka {} started in {} ms (cluster {}, data {})", bootstrapServers(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), clusterId, dataDir);
                return this;
            } catch (RuntimeException e) {
                shutdownQuietly(candidate);
                last = e;
                if (!isBindFailure(e)) {
                    break;
                }
                LOG.warn("Embedded Kafka could not bind (attempt {}): {}", attempt, e.toString());
                if (autoPort) {
                    port = 0;
                } else if (attempt >= 2) {
                    break; // a fixed broker port that stays busy will not free itself
                }
            }
        }
        throw new IllegalStateException("Embedded Kafka failed to start on " + HOST + ":" + port
                + " with data dir " + dataDir, last);
    }

    /** "127.0.0.1:PORT" of the PLAINTEXT listener. */
    public String bootstrapServers() {
        return HOST + ":" + port();
    }

    /** The broker (client) port; known once started, or from the builder if one was fixed. */
    public synchronized int port() {
        if (port == 0) {
            throw new IllegalStateException("port not chosen yet: start() the broker first");
        }
        return port;
    }

    /** The KRaft controller port of the running (or last started) broker. */
    public synchronized int controllerPort() {
        return controllerPort;
    }

    /** The data directory (log.dirs and the metadata log); null before the first start of a temp broker. */
    public synchronized Path dataDir() {
        return dataDir;
    }

    /** The cluster id recorded in the data directory. */
    public synchronized String clusterId() {
        return clusterId;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Creates a topic with replication factor 1; waits until every partition has a leader. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * Creates a topic with replication factor 1 and the given topic configuration (for example
     * {@code cleanup.policy}, {@code compression.type}, {@code max.message.bytes}); waits until every
     * partition has a leader.
     */
    public void createTopic(String name, int partitions, Map<String, String> config) {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1");
        }
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(Map.copyOf(config));
        Admin a = admin();
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        await(a.createTopics(List.of(topic)).all(), deadline, "create topic " + name);
        while (true) {
            try {
                TopicDescription d = a.describeTopics(List.of(name)).allTopicNames()
                        .get(remainingMillis(deadline), TimeUnit.MILLISECONDS).get(name);
                if (d.partitions().size() == partitions
                        && d.partitions().stream().map(TopicPartitionInfo::leader).allMatch(l -> l != null && !l.isEmpty())) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("describe topic " + name, e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("timed out waiting for topic " + name, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for leaders of topic " + name);
            }
            sleep(50);
        }
    }

    /**
     * An {@link Admin} client bound to this broker, owned by it (closed on {@link #stop()}); do not close it.
     */
    public synchronized Admin admin() {
        if (server == null) {
            throw new IllegalStateException("broker not running");
        }
        if (admin == null) {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            p.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-admin");
            admin = Admin.create(p);
        }
        return admin;
    }

    /** Shuts the broker down and keeps its data; {@link #start()} may be called again. */
    public synchronized void stop() {
        if (admin != null) {
            try {
                admin.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debug("closing admin client", e);
            }
            admin = null;
        }
        if (server != null) {
            KafkaRaftServer s = server;
            server = null;
            long t0 = System.nanoTime();
            shutdownQuietly(s);
            LOG.info("Embedded Kafka {} stopped in {} ms", bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
    }

    /** Stops the broker and deletes its data directory if the broker created it (no dataDir given). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        if (ownsDataDir && dataDir != null) {
            deleteRecursively(dataDir);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + HOST + ":" + port + ", dataDir=" + dataDir + ", running=" + isRunning() + "]";
    }

    // ---------------------------------------------------------------------------------------------

    private void prepareDataDir() {
        try {
            if (dataDir == null) {
                if (configuredDataDir != null) {
                    dataDir = configuredDataDir.toAbsolutePath();
                    ownsDataDir = false;
                } else {
                    dataDir = Files.createTempDirectory("gleaner-kafka-");
                    ownsDataDir = true;
                }
            }
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        }
        String existing = readClusterId(dataDir);
        if (existing != null) {
            if (requestedClusterId != null && !requestedClusterId.equals(existing)) {
                throw new IllegalStateException("data directory " + dataDir + " belongs to cluster " + existing
                        + ", not to the requested cluster " + requestedClusterId);
            }
            clusterId = existing;
        } else if (clusterId == null) {
            clusterId = requestedClusterId != null ? requestedClusterId : Uuid.randomUuid().toString();
        }
    }

    private Map<String, Object> serverProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + port);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("log.dirs", dataDir.toString());
        // Single-node defaults.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        // Small footprint: 16 MiB segments, a 32 MiB cleaner buffer instead of 128 MiB, fewer threads.
        p.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(32 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "2");
        // Faster registration and unfencing of the single broker.
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("server.max.startup.time.ms", String.valueOf(startupTimeout.toMillis()));
        p.putAll(overrides);
        // Derived from the (possibly overridden) node id; the quorum is this node alone.
        p.put("controller.quorum.voters", p.get("node.id") + "@" + HOST + ":" + controllerPort);
        return p;
    }

    private void format(KafkaConfig config) {
        if (readClusterId(dataDir) != null) {
            return;
        }
        try {
            Formatter formatter = new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setHasDynamicQuorum(false)
                    .setIgnoreFormatted(true);
            for (String dir : config.logDirs()) {
                formatter.addDirectory(dir);
            }
            formatter.addDirectory(config.metadataLogDir());
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + dataDir, e);
        }
    }

    private static String readClusterId(Path dir) {
        Path meta = dir.resolve(META_PROPERTIES);
        if (!Files.isRegularFile(meta)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + meta, e);
        }
        return p.getProperty("cluster.id");
    }

    private static boolean isBindFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BindException) {
                return true;
            }
            String m = c.getMessage();
            if (m != null && m.contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    private static void shutdownQuietly(KafkaRaftServer s) {
        try {
            s.shutdown();
            s.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("error while shutting down embedded Kafka", e);
        }
    }

    private static <T> T await(KafkaFuture<T> f, long deadline, String what) {
        try {
            return f.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteRecursively(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.debug("cannot delete {}", p, e);
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", root, e.toString());
        }
    }

    /** Builder for {@link EmbeddedKafkaBroker}. */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private boolean quietLogging = true;
        private Duration startupTimeout = Duration.ofSeconds(60);
        private String clusterId;

        private Builder() {
        }

        /**
         * Where the broker keeps its logs and metadata. Kept on {@link #close()}. Without it the broker uses
         * a fresh temporary directory that {@code close()} deletes.
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** The client port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets or overrides one broker configuration property (server.properties key). Listener and
         * quorum settings are managed by this class; overriding them is unsupported.
         */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets or overrides several broker configuration properties. */
        public Builder brokerProperties(Map<String, String> properties) {
            properties.forEach(this::brokerProperty);
            return this;
        }

        /** Lower Kafka's own loggers to WARN unless configured (default true). */
        public Builder quietLogging(boolean quiet) {
            this.quietLogging = quiet;
            return this;
        }

        /** How long {@link #start()} and {@link #createTopic} may take (default 60 s). */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Cluster id used when formatting a new data directory (default: random). */
        public Builder clusterId(String clusterId) {
            this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
            return this;
        }

        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }
    }
}
