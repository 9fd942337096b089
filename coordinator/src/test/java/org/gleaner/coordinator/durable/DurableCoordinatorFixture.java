package org.gleaner.coordinator.durable;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.ingest.CommitHook;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.CrawlLease;

/**
 * What the crash tests of the durable coordinator share: a real broker ({@link KafkaTestNetwork}), one coordinator key,
 * durable coordinators opened with a commit hook (to kill the ingest mid-transaction) and closed in reverse order, nodes
 * asking for leases, and counts of what the credits topic holds committed. Open it before each test, close it after.
 */
final class DurableCoordinatorFixture implements AutoCloseable {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final CoordinatorConfig config;
    private final Clock clock = Clock.systemUTC();
    private final Ed25519KeyPair coordinatorKey = Ed25519KeyPair.generate();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final KafkaTestNetwork network;

    DurableCoordinatorFixture(Path dir, CoordinatorConfig config) {
        this.config = config;
        this.network = new KafkaTestNetwork(dir.resolve("kafka"));
    }

    KafkaTestNetwork network() {
        return network;
    }

    Clock clock() {
        return clock;
    }

    Ed25519KeyPair coordinatorKey() {
        return coordinatorKey;
    }

    /** A durable coordinator rebuilt from Kafka alone, its ingest calling {@code hook} before each commit. */
    DurableCoordinator open(CommitHook hook) {
        DurableCoordinator c = network.openCoordinator(config, coordinatorKey, clock, hook);
        toClose.add(c);
        return c;
    }

    /** Closes {@code c} now (a clean stop). */
    void stop(DurableCoordinator c) {
        c.close();
        toClose.remove(c);
    }

    /** What {@code node} asks for now. */
    LeaseDecision ask(DurableCoordinator c, Ed25519KeyPair node) {
        return KafkaTestNetwork.ask(c.coordinator(), node, clock);
    }

    /** Asks until the node is granted a lease; only "no work yet" may come meanwhile. */
    CrawlLease lease(DurableCoordinator c, Ed25519KeyPair node) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            LeaseDecision d = ask(c, node);
            if (d instanceof LeaseDecision.Granted g) {
                return g.lease().record();
            }
            assertThat(d).isInstanceOf(LeaseDecision.NoWorkYet.class);
            Thread.sleep(50);
        }
        throw new AssertionError("no lease within 30 s");
    }

    /** How many committed credit events match. */
    long committed(Predicate<CreditEvent> which) {
        try {
            return network.committedCredits().stream().filter(which).count();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        await(condition, () -> what);
    }

    /** Waits until {@code condition} holds; fails after 60 s with {@code what}, computed then. */
    static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what.get());
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        network.close();
    }
}
