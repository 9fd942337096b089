package org.gleaner.coordinator.shard;

import org.gleaner.protocol.kafka.KafkaConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.gleaner.coordinator.durable.JournalUnavailableException;
import org.gleaner.coordinator.reward.EpochCloser;
import org.gleaner.protocol.reward.StatementBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reward epochs of a shared frontier, seen from one instance: while it owns frontier partition 0 it holds the
 * {@link EpochCloserRole} and closes epochs on schedule from the credits of every partition; when it loses the
 * partition it drops the role, and whoever takes the partition over takes the role (fencing this instance's closer).
 */
final class SharedRewardEpochs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedRewardEpochs.class);

    private final String name;
    private final KafkaConnection kafka;
    private final ShardTopics topics;
    private final EpochCloser closer;
    private final Duration length;
    private final Clock clock;
    private final BooleanSupplier ownsPartitionZero;
    private EpochCloserRole role;

    SharedRewardEpochs(String name, KafkaConnection kafka, ShardTopics topics, EpochCloser closer, Duration length, Clock clock,
            BooleanSupplier ownsPartitionZero) {
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("epoch length must be positive");
        }
        this.name = name;
        this.kafka = kafka;
        this.topics = topics;
        this.closer = closer;
        this.length = length;
        this.clock = clock;
        this.ownsPartitionZero = ownsPartitionZero;
    }

    /** Takes or drops the closer role as ownership of partition 0 goes, and closes an epoch that is due. */
    synchronized Optional<EpochCloser.ClosedEpoch> tick() {
        if (!follow()) {
            return Optional.empty();
        }
        try {
            Optional<EpochCloser.ClosedEpoch> closed = role.closeIfDue(clock.millis(), length);
            closed.ifPresent(e -> log.info("instance {}: reward epoch {} closed, {} nodes", name, e.root().epoch(), e.root().treeSize()));
            return closed;
        } catch (JournalUnavailableException e) {
            log.warn("instance {}: could not close a reward epoch, dropping the closer role: {}", name, e.getMessage());
            drop();
            return Optional.empty();
        }
    }

    /** Closes the next epoch now if this instance holds the closer role (it owns partition 0); empty otherwise. */
    synchronized Optional<EpochCloser.ClosedEpoch> closeNow() {
        if (!follow()) {
            return Optional.empty();
        }
        try {
            return Optional.of(role.closeNow(clock.millis()));
        } catch (JournalUnavailableException e) {
            drop();
            throw e;
        }
    }

    private boolean follow() {
        boolean owner = ownsPartitionZero.getAsBoolean();
        if (!owner) {
            drop();
            return false;
        }
        if (role == null) {
            role = EpochCloserRole.take(kafka, topics, closer);
            log.info("instance {}: took the reward-epoch closer role (last epoch {})", name, role.lastEpoch());
        }
        return true;
    }

    private void drop() {
        if (role != null) {
            role.close();
            role = null;
            log.info("instance {}: dropped the reward-epoch closer role", name);
        }
    }

    /** The last epoch this instance published or found published when it took the role; 0 if it never held it. */
    synchronized long lastEpoch() {
        return role == null ? 0 : role.lastEpoch();
    }

    synchronized Map<String, StatementBundle> latestStatements() {
        return role == null ? Map.of() : role.latestStatements();
    }

    @Override
    public synchronized void close() {
        drop();
    }
}
