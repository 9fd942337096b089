package org.gleaner.coordinator.reward;

/**
 * Makes a closed epoch public: its signed reward-root entry goes to the consent ledger and every node's
 * statement to where nodes fetch them. Returns only once all of it is durable, atomically: a crash leaves
 * either the whole epoch or none of it.
 */
public interface RewardRootPublisher {
    void publish(EpochCloser.ClosedEpoch epoch);
}
