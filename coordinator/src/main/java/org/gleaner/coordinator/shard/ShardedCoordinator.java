package org.gleaner.coordinator.shard;

import org.gleaner.protocol.kafka.KafkaConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.api.LeaseHttpApi;
import org.gleaner.coordinator.durable.CoordinatorTopics;
import org.gleaner.coordinator.durable.DurableCoordinator;
import org.gleaner.coordinator.reward.EpochCloser;
import org.gleaner.coordinator.reward.RewardPolicy;
import org.gleaner.coordinator.web.CoordinatorView;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.crypto.Ed25519KeyPair;

/**
 * One coordinator instance of a frontier that several instances share (decision 0032): it owns the frontier
 * partitions the consumer group assigns it, leases only hosts of those partitions, answers nodes on its lease
 * endpoint and forwards what it cannot serve to its peers. Every instance signs with the same coordinator key, so a
 * node trusts a lease whichever instance granted it.
 */
public final class ShardedCoordinator implements AutoCloseable {
    private final CoordinatorConfig config;
    private final Ed25519KeyPair key;
    private final String peerToken;
    private final JobBoard jobs;
    private final ShardedIngest ingest;
    private final ShardedLeases leases;
    private final LeaseHttpApi api;
    private final SharedRewardEpochs epochs;
    private final NetworkCredits network;
    private final SignalReports signalReports;
    private final SharedView view;
    private final List<PeerClient> peers;
    private final Thread ingestThread;
    private final Thread networkThread;
    private final Thread jobsThread;
    private final java.util.concurrent.ScheduledExecutorService epochTimer;

    private ShardedCoordinator(CoordinatorConfig config, Ed25519KeyPair key, String peerToken, JobBoard jobs, ShardedIngest ingest,
            ShardedLeases leases, LeaseHttpApi api, SharedRewardEpochs epochs, NetworkCredits network, SharedView view,
            List<PeerClient> peers, String name, SignalReports signalReports) {
        this.signalReports = signalReports;
        this.config = config;
        this.key = key;
        this.peerToken = peerToken;
        this.jobs = jobs;
        this.ingest = ingest;
        this.leases = leases;
        this.api = api;
        this.epochs = epochs;
        this.network = network;
        this.view = view;
        this.peers = peers;
        this.networkThread = new Thread(network, "shard-network-credits-" + name);
        this.epochTimer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shard-epochs-" + name);
            t.setDaemon(true);
            return t;
        });
        this.ingestThread = new Thread(ingest, "shard-ingest-" + name);
        this.jobsThread = new Thread(jobs, "shard-jobs-" + name);
    }

    /**
     * Starts an instance: prepares the topics, joins the group (partitions arrive with the first rebalance), follows
     * the jobs topic and serves leases on {@code leaseAddress}. {@code peerToken} authenticates forwarded requests
     * between instances (at least 32 characters).
     */
    public static ShardedCoordinator start(String name, CoordinatorConfig config, Ed25519KeyPair key, Clock clock,
            String bootstrapServers, Topics topics, String peerToken, InetSocketAddress leaseAddress, MeterRegistry metrics)
            throws IOException {
        return start(name, config, key, clock, bootstrapServers, topics, peerToken, leaseAddress, metrics, DurableCoordinator.DEFAULT_EPOCH);
    }

    /**
     * As above, closing a reward epoch every {@code epochLength} while this instance owns frontier partition 0 (decision
     * 0035): from the credits of every partition, as the credits topic holds them at the close.
     */
    public static ShardedCoordinator start(String name, CoordinatorConfig config, Ed25519KeyPair key, Clock clock,
            String bootstrapServers, Topics topics, String peerToken, InetSocketAddress leaseAddress, MeterRegistry metrics,
            Duration epochLength) throws IOException {
        return start(name, config, key, clock, KafkaConnection.plaintext(bootstrapServers), topics, peerToken, leaseAddress, metrics,
                epochLength);
    }

    /** As above, every Kafka client of the instance signing in with the connection's client settings (decision 0064). */
    public static ShardedCoordinator start(String name, CoordinatorConfig config, Ed25519KeyPair key, Clock clock,
            KafkaConnection kafka, Topics topics, String peerToken, InetSocketAddress leaseAddress, MeterRegistry metrics,
            Duration epochLength) throws IOException {
        if (name == null || !name.matches("[a-zA-Z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("instance name must be 1-64 of [a-zA-Z0-9._-]");
        }
        if (peerToken == null || peerToken.length() < 32) {
            throw new IllegalArgumentException("the peer token must have at least 32 characters");
        }
        ShardTopics shardTopics = new ShardTopics(new CoordinatorTopics(topics));
        HostPartitioner partitioner = new HostPartitioner(shardTopics.ensureExist(kafka));
        ShardedIngest ingest = new ShardedIngest(name, kafka, shardTopics, partitioner, clock,
                p -> FrontierShard.open(p, partitioner, shardTopics, kafka, config, key, clock, metrics));
        JobBoard jobs = new JobBoard(kafka, shardTopics.jobs(), job -> ingest.shards().forEach(s -> s.coordinator().adoptJob(job)));
        SignalReports signalReports = new SignalReports(kafka, shardTopics.frontier(), partitioner);
        ShardedLeases leases = new ShardedLeases(config, clock, partitioner.partitions(), ingest::shards, signalReports);
        LeaseHttpApi api = new LeaseHttpApi(leases, leaseAddress, peerToken);
        SharedRewardEpochs epochs = new SharedRewardEpochs(name, kafka, shardTopics,
                new EpochCloser(config.origin(), key, RewardPolicy.DEFAULT), epochLength, clock,
                () -> ingest.shards().stream().anyMatch(s -> s.partition() == 0));
        NetworkCredits network = new NetworkCredits(kafka, shardTopics.owned().credits(), shardTopics.owned().statements());
        List<PeerClient> peers = new java.util.concurrent.CopyOnWriteArrayList<>();
        SharedView view = new SharedView(config, partitioner.partitions(), jobs, ingest::shards, peers, network);
        api.servePeerReport(() -> PartitionReports.encode(view.localReports()));
        ShardedCoordinator instance = new ShardedCoordinator(config, key, peerToken, jobs, ingest, leases, api, epochs, network, view,
                peers, name, signalReports);
        instance.ingestThread.start();
        instance.jobsThread.start();
        instance.networkThread.start();
        api.start();
        instance.epochTimer.scheduleWithFixedDelay(instance::tickEpochs, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        return instance;
    }

    /** Adds a peer instance's lease endpoint; requests this instance cannot serve are forwarded there. */
    public void addPeer(String leaseBaseUrl) {
        PeerClient peer = new PeerClient(leaseBaseUrl, peerToken, config.origin(), key.publicKey());
        leases.addPeer(peer);
        peers.add(peer);
    }

    /**
     * What the REST API serves from this instance, for the whole network (start it with
     * {@code CoordinatorWebApp.start(view(), ...)}).
     */
    public CoordinatorView view() {
        return view;
    }

    /** Records a job for every instance; each queues the seeds of the hosts it owns. */
    public void submit(CrawlJob job) {
        jobs.submit(job);
    }

    public String leaseUrl() {
        return api.baseUrl();
    }

    /** The frontier partitions this instance owns now. */
    public List<Integer> ownedPartitions() {
        return ingest.shards().stream().map(FrontierShard::partition).sorted().toList();
    }

    /** The shards this instance holds now (for tests: whether a rebalance rebuilt them). */
    List<FrontierShard> shards() {
        return ingest.shards();
    }

    /** The ingest loop (for tests: batches refused during a rebalance). */
    ShardedIngest ingest() {
        return ingest;
    }

    /** Pages credited, as far as the partitions this instance owns now know (including before they were handed over). */
    public long creditedPages() {
        return ingest.shards().stream().map(FrontierShard::coordinator).mapToLong(Coordinator::creditedPages).sum();
    }

    private void tickEpochs() {
        try {
            epochs.tick();
        } catch (RuntimeException e) {
            // Kafka unreachable or the partition just moved: the next tick tries again.
            org.slf4j.LoggerFactory.getLogger(ShardedCoordinator.class).warn("reward epoch tick failed: {}", e.toString());
        }
    }

    /**
     * Closes the next reward epoch now, if this instance holds the closer role (it owns frontier partition 0); empty
     * if another instance does.
     */
    public Optional<EpochCloser.ClosedEpoch> closeEpochNow() {
        return epochs.closeNow();
    }

    /** The last reward epoch this instance closed or found closed; 0 while it does not hold the closer role. */
    public long lastEpoch() {
        return epochs.lastEpoch();
    }

    public Optional<Throwable> failure() {
        return ingest.failure();
    }

    @Override
    public void close() {
        epochTimer.shutdownNow();
        try {
            epochTimer.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        epochs.close();
        api.close();
        signalReports.close();
        ingest.close();
        jobs.close();
        network.close();
        try {
            ingestThread.join(30_000);
            jobsThread.join(10_000);
            networkThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
