package org.gleaner.coordinator.reward;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.protocol.reward.StatementBundle;

/**
 * Closes reward epochs on schedule. Called by the ingest right after it committed a batch, when the credit
 * book equals what the credits topic holds, so an epoch never includes a credit that a crash could undo.
 */
public final class RewardEpochs {
    private final EpochCloser closer;
    private final RewardRootPublisher publisher;
    private final long lengthMillis;
    private long lastEpoch;
    private long lastClosedAtMillis = -1;
    private Map<String, StatementBundle> latest = Map.of();

    public RewardEpochs(EpochCloser closer, RewardRootPublisher publisher, Duration length) {
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("epoch length must be positive");
        }
        this.closer = closer;
        this.publisher = publisher;
        this.lengthMillis = length.toMillis();
    }

    /** Continues after the last epoch closed before a restart, serving that epoch's statements again. */
    public synchronized void restore(long epoch, long closedAtMillis, Map<String, StatementBundle> statements) {
        lastEpoch = epoch;
        lastClosedAtMillis = closedAtMillis;
        latest = Map.copyOf(statements);
    }

    public synchronized Optional<EpochCloser.ClosedEpoch> closeIfDue(Coordinator coordinator, long nowMillis) {
        if (lastClosedAtMillis < 0) {
            lastClosedAtMillis = nowMillis;
            return Optional.empty();
        }
        if (nowMillis - lastClosedAtMillis < lengthMillis) {
            return Optional.empty();
        }
        return Optional.of(closeNow(coordinator, nowMillis));
    }

    /** Closes the next epoch now with the coordinator's current (committed) credits, and publishes it. */
    public synchronized EpochCloser.ClosedEpoch closeNow(Coordinator coordinator, long nowMillis) {
        EpochCloser.ClosedEpoch closed = closer.close(lastEpoch + 1, coordinator.credits(), nowMillis);
        publisher.publish(closed);
        lastEpoch++;
        lastClosedAtMillis = nowMillis;
        latest = closed.statements();
        return closed;
    }

    public synchronized long lastEpoch() {
        return lastEpoch;
    }

    /** The statements of the last epoch this instance closed, by node id. */
    public synchronized Map<String, StatementBundle> latestStatements() {
        return latest;
    }
}
