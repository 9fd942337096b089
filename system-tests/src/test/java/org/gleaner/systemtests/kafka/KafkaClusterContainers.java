package org.gleaner.systemtests.kafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.gleaner.systemtests.support.DockerEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * A Kafka cluster of N combined broker+controller KRaft nodes (default three), one container each, from
 * the image named by the system property {@code gleaner.kafka.image} or the environment variable
 * {@code GLEANER_KAFKA_IMAGE} (default {@value #DEFAULT_IMAGE}; {@code apache/kafka:4.1.2} works the same
 * way, both follow apache/kafka's environment contract).
 *
 * <p>Networking: every container uses the host's network namespace ({@code --network host}). Each node
 * gets two free ports on 127.0.0.1, one for clients and inter-broker traffic (PLAINTEXT) and one for the
 * controller quorum (CONTROLLER), and advertises {@code 127.0.0.1:port}. So the brokers reach each other
 * and the tests, kcat and other host processes reach every broker at the same address, with no port
 * mapping and no advertised-listener rewriting; a stopped node comes back on the same ports.
 *
 * <p>Images are never pulled: a missing image is an error that points at {@code scripts/build-images.sh}.
 * Containers are removed by {@link #close()} (Ryuk is disabled here), after their logs are saved under
 * {@code gleaner.systemtests.logs} (default {@code target/container-logs}).
 */
public final class KafkaClusterContainers implements AutoCloseable {

    public static final String DEFAULT_IMAGE = "gleaner/kafka:4.1.2";
    public static final String HOST = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClusterContainers.class);
    private static final String STARTED = ".*Kafka Server started.*";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final String name;
    private final String image;
    private final String clusterId;
    private final Map<Integer, BrokerNode> nodes = new LinkedHashMap<>();
    private final SaslClusterAuth auth;
    private Admin admin;

    /** One node: its id, ports and container. */
    public record BrokerNode(int id, int port, int controllerPort, GenericContainer<?> container) {
        public String bootstrap() {
            return HOST + ":" + port;
        }
    }

    private KafkaClusterContainers(String name, String image, SaslClusterAuth auth) {
        this.name = name;
        this.image = image;
        this.auth = auth;
        this.clusterId = Uuid.randomUuid().toString();
    }

    /** The image the system tests use: gleaner.kafka.image, else GLEANER_KAFKA_IMAGE, else the default. */
    public static String configuredImage() {
        String fromProperty = System.getProperty("gleaner.kafka.image");
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty.trim();
        }
        String fromEnv = System.getenv("GLEANER_KAFKA_IMAGE");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        return DEFAULT_IMAGE;
    }

    /** Starts a three-node cluster; {@code name} labels the containers and saved logs. */
    public static KafkaClusterContainers start(String name) {
        return start(name, 3, Map.of());
    }

    /**
     * Starts a cluster of {@code size} combined nodes; {@code extraEnv} adds or overrides container
     * environment (KAFKA_* settings) on every node. Returns once every broker is registered and unfenced.
     */
    public static KafkaClusterContainers start(String name, int size, Map<String, String> extraEnv) {
        return start(name, size, extraEnv, null);
    }

    /**
     * A cluster whose client listener requires SASL ({@code auth}: an admin over PLAIN, principals over
     * SCRAM-SHA-512) and authorizes every request with ACLs; {@link #admin()} signs in as the admin.
     */
    public static KafkaClusterContainers startSecured(String name, int size, SaslClusterAuth auth) {
        return start(name, size, Map.of(), java.util.Objects.requireNonNull(auth));
    }

    private static KafkaClusterContainers start(String name, int size, Map<String, String> extraEnv, SaslClusterAuth auth) {
        KafkaClusterContainers cluster = new KafkaClusterContainers(name, configuredImage(), auth);
        try {
            cluster.doStart(size, extraEnv);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void doStart(int size, Map<String, String> extraEnv) {
        requireLocalImage(image);
        long t0 = System.nanoTime();
        List<Integer> ports = freePorts(2 * size);
        StringBuilder voters = new StringBuilder();
        for (int i = 0; i < size; i++) {
            voters.append(i == 0 ? "" : ",").append(i + 1).append('@').append(HOST).append(':').append(ports.get(2 * i + 1));
        }
        String shortId = clusterId.replaceAll("[^A-Za-z0-9]", "").substring(0, 8).toLowerCase();
        for (int i = 0; i < size; i++) {
            int id = i + 1;
            int port = ports.get(2 * i);
            int controllerPort = ports.get(2 * i + 1);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("CLUSTER_ID", clusterId);
            env.put("KAFKA_NODE_ID", String.valueOf(id));
            env.put("KAFKA_PROCESS_ROLES", "broker,controller");
            String client = auth == null ? "PLAINTEXT" : SaslClusterAuth.LISTENER;
            env.put("KAFKA_LISTENERS", client + "://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
            env.put("KAFKA_ADVERTISED_LISTENERS", client + "://" + HOST + ":" + port);
            env.put("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT," + client + ":" + client);
            env.put("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER");
            env.put("KAFKA_INTER_BROKER_LISTENER_NAME", client);
            if (auth != null) {
                env.putAll(auth.brokerEnvironment());
            }
            env.put("KAFKA_CONTROLLER_QUORUM_VOTERS", voters.toString());
            env.put("KAFKA_LOG_DIRS", "/tmp/kraft-combined-logs");
            env.put("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", String.valueOf(Math.min(3, size)));
            env.put("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "6");
            env.put("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", String.valueOf(Math.min(3, size)));
            env.put("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", String.valueOf(Math.min(2, size)));
            env.put("KAFKA_DEFAULT_REPLICATION_FACTOR", String.valueOf(Math.min(3, size)));
            env.put("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
            env.put("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
            // A dead broker is fenced after 6 s instead of 9 s, so failover tests spend less time waiting.
            env.put("KAFKA_BROKER_HEARTBEAT_INTERVAL_MS", "1000");
            env.put("KAFKA_BROKER_SESSION_TIMEOUT_MS", "6000");
            env.put("KAFKA_HEAP_OPTS", "-Xmx512m -Xms512m");
            env.putAll(extraEnv);
            String containerName = "gleaner-kafka-" + shortId + "-" + id;
            GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                    .withImagePullPolicy(imageName -> false)
                    .withNetworkMode("host")
                    .withEnv(env)
                    .withLabel("org.gleaner.system-tests", name)
                    .withCreateContainerCmdModifier(cmd -> cmd.withName(containerName))
                    .waitingFor(Wait.forLogMessage(STARTED, 1).withStartupTimeout(START_TIMEOUT));
            nodes.put(id, new BrokerNode(id, port, controllerPort, container));
        }
        // All at once: no node finishes starting before a majority of controllers is up.
        List<GenericContainer<?>> containers = nodes.values().stream().map(BrokerNode::container).collect(Collectors.toList());
        try {
            Startables.deepStart(containers).get(START_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + this, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka cluster did not start from " + image + "; logs are saved under "
                    + logDir() + " after close", e instanceof ExecutionException ? e.getCause() : e);
        }
        awaitBrokers(nodes.keySet(), Duration.ofSeconds(90));
        LOG.info("Kafka cluster {} ({} x {}) ready in {} ms: {}", name, size, image,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), bootstrapServers());
    }

    /** Comma-separated 127.0.0.1:port of every broker. */
    public String bootstrapServers() {
        return nodes.values().stream().map(BrokerNode::bootstrap).collect(Collectors.joining(","));
    }

    public String image() {
        return image;
    }

    public String clusterId() {
        return clusterId;
    }

    public Collection<BrokerNode> nodes() {
        return nodes.values();
    }

    public BrokerNode node(int id) {
        BrokerNode n = nodes.get(id);
        if (n == null) {
            throw new IllegalArgumentException("no broker " + id + " in " + nodes.keySet());
        }
        return n;
    }

    /** Client settings that sign in as the cluster's admin (empty for an open cluster). */
    public Map<String, Object> adminClientConfigForTests() {
        return auth == null ? Map.of() : auth.adminClientConfig();
    }

    /** An admin client for the whole cluster, owned by this object. */
    public synchronized Admin admin() {
        if (admin == null) {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            p.put(AdminClientConfig.CLIENT_ID_CONFIG, "system-tests-admin");
            if (auth != null) {
                p.putAll(auth.adminClientConfig());
            }
            p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
            admin = Admin.create(p);
        }
        return admin;
    }

    /** Creates a topic and waits until every partition has a leader and all its replicas in sync. */
    public void createTopic(NewTopic topic, Duration timeout) {
        try {
            admin().createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + topic.name(), e);
        }
        awaitFullyReplicated(topic.name(), timeout);
    }

    /**
     * Waits until every partition of {@code topic} has a leader and an ISR equal to its replica set
     * (tolerating brokers whose metadata does not know the topic yet); returns the description.
     */
    public TopicDescription awaitFullyReplicated(String topic, Duration timeout) {
        TopicDescription[] last = new TopicDescription[1];
        awaitCondition(() -> {
            try {
                TopicDescription d = admin().describeTopics(List.of(topic)).allTopicNames()
                        .get(15, TimeUnit.SECONDS).get(topic);
                last[0] = d;
                return d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()
                        && p.isr().size() == p.replicas().size());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    return false;
                }
                throw new IllegalStateException("cannot describe topic " + topic, e.getCause());
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, timeout, "topic " + topic + " fully replicated (last seen: " + last[0] + ")");
        return last[0];
    }

    /** Ids of the brokers the cluster currently reports as registered and unfenced. */
    public Set<Integer> liveBrokers() {
        try {
            Collection<Node> live = admin().describeCluster().nodes().get(15, TimeUnit.SECONDS);
            Set<Integer> ids = new HashSet<>();
            for (Node n : live) {
                ids.add(n.id());
            }
            return ids;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            return Set.of();
        }
    }

    /** Waits until exactly {@code ids} are the live brokers. */
    public void awaitBrokers(Set<Integer> ids, Duration timeout) {
        awaitCondition(() -> liveBrokers().equals(ids), timeout, "brokers " + ids + " live");
    }

    /**
     * Graceful stop (SIGTERM: controlled shutdown); the container and its data stay. Returns once the
     * container has exited and the cluster no longer lists the broker.
     */
    public void stopBroker(int id) {
        BrokerNode n = node(id);
        long t0 = System.nanoTime();
        docker().stopContainerCmd(n.container().getContainerId()).withTimeout(60).exec();
        awaitCondition(() -> !liveBrokers().contains(id), Duration.ofSeconds(60), "broker " + id + " to leave the cluster");
        LOG.info("broker {} stopped in {} ms", id, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /**
     * Hard crash (SIGKILL); the container and its data stay. Returns once the container is dead and the
     * controller has fenced the broker (its session timed out), so its partitions have new leaders.
     */
    public void killBroker(int id) {
        BrokerNode n = node(id);
        long t0 = System.nanoTime();
        docker().killContainerCmd(n.container().getContainerId()).withSignal("KILL").exec();
        awaitCondition(() -> !isRunning(id), Duration.ofSeconds(30), "broker " + id + " to die");
        LOG.info("broker {} killed", id);
        awaitCondition(() -> !liveBrokers().contains(id), Duration.ofSeconds(60), "broker " + id + " to be fenced");
        LOG.info("broker {} fenced {} ms after the kill", id, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /**
     * Starts a stopped or killed broker again (same container, ports and data); returns once it has
     * logged its start-up and the cluster lists it as a live (unfenced) broker.
     */
    public void startBroker(int id) {
        BrokerNode n = node(id);
        if (isRunning(id)) {
            throw new IllegalStateException("broker " + id + " is running");
        }
        long t0 = System.nanoTime();
        int startsBefore = countStarts(id);
        docker().startContainerCmd(n.container().getContainerId()).exec();
        awaitCondition(() -> countStarts(id) > startsBefore && liveBrokers().contains(id), Duration.ofSeconds(120),
                "broker " + id + " to rejoin");
        LOG.info("broker {} restarted and live in {} ms", id, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    private int countStarts(int id) {
        String logs = logs(id);
        int count = 0;
        for (int i = logs.indexOf("Kafka Server started"); i >= 0; i = logs.indexOf("Kafka Server started", i + 1)) {
            count++;
        }
        return count;
    }

    public boolean isRunning(int id) {
        Boolean running = docker().inspectContainerCmd(node(id).container().getContainerId()).exec().getState().getRunning();
        return Boolean.TRUE.equals(running);
    }

    /** stdout and stderr of one node's container so far (all its runs). */
    public String logs(int id) {
        return node(id).container().getLogs();
    }

    /** Saves every node's logs, then removes the containers. */
    @Override
    public synchronized void close() {
        if (admin != null) {
            try {
                admin.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debug("closing admin", e);
            }
            admin = null;
        }
        for (BrokerNode n : nodes.values()) {
            GenericContainer<?> c = n.container();
            if (c.getContainerId() != null) {
                saveLogs(n);
            }
            try {
                c.stop();
            } catch (RuntimeException e) {
                LOG.warn("could not remove container of broker {}: {}", n.id(), e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "KafkaClusterContainers[" + name + ", " + image + ", " + bootstrapServers() + "]";
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Fails, with the remedy, unless {@code image} and Testcontainers' check image are present locally
     * (nothing is ever pulled here).
     */
    static void requireLocalImage(String image) {
        String checkImage = System.getenv("TESTCONTAINERS_TINYIMAGE_CONTAINER_IMAGE");
        if (checkImage != null && !checkImage.isBlank()
                && DockerEngine.imagePresent(checkImage).map(present -> !present).orElse(false)) {
            throw new IllegalStateException("Docker image " + checkImage + " (Testcontainers' start-up check image, "
                    + "TESTCONTAINERS_TINYIMAGE_CONTAINER_IMAGE) is not present and images are never pulled here: "
                    + "run scripts/build-images.sh");
        }
        if (DockerEngine.imagePresent(image).map(present -> !present).orElse(false)) {
            throw missingImage(image);
        }
        DockerClient client;
        try {
            client = DockerClientFactory.instance().client();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Testcontainers cannot use Docker (its check image is " + checkImage
                    + "; run scripts/build-images.sh to build the local images)", e);
        }
        try {
            client.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw missingImage(image);
        }
    }

    private static IllegalStateException missingImage(String image) {
        return new IllegalStateException("Docker image " + image + " is not present and images are never pulled "
                + "here: run scripts/build-images.sh (or set GLEANER_KAFKA_IMAGE / -Dgleaner.kafka.image to a "
                + "local image with apache/kafka's contract, e.g. apache/kafka:4.1.2)");
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    private Path logDir() {
        return Path.of(System.getProperty("gleaner.systemtests.logs", "target/container-logs"));
    }

    private void saveLogs(BrokerNode n) {
        try {
            Path dir = logDir();
            Files.createDirectories(dir);
            Path file = dir.resolve(name + "-broker-" + n.id() + ".log");
            Files.writeString(file, n.container().getLogs(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not save logs of broker {}: {}", n.id(), e.toString());
        }
    }

    private static void awaitCondition(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }

    /** {@code count} distinct ports that are free on 127.0.0.1 right now. */
    static List<Integer> freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket();
                held.add(s);
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
                ports.add(s.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new IllegalStateException("cannot find free ports on " + HOST, e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }
}
