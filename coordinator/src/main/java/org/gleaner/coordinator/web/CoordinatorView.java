package org.gleaner.coordinator.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.reward.RewardEpochs;
import org.gleaner.protocol.reward.StatementBundle;

/**
 * What the REST API reads and changes: one coordinator ({@link #of}), or a frontier shared by several instances, which
 * answers for the whole network whichever instance is asked.
 */
public interface CoordinatorView {
    String origin();

    long requestFreshnessMillis();

    /** Starts a job; {@link IllegalStateException} when its id was used before or too many jobs run. */
    void submit(CrawlJob job);

    /** Every job's progress, in submission order. */
    List<Coordinator.JobProgress> jobs();

    Optional<Coordinator.JobProgress> progress(String jobId);

    /** The latest job with the lease counts; empty when no job was submitted. */
    Optional<JobController.JobProgress> current();

    Optional<NodeCredits> credits(String nodeId);

    Map<ReasonCode, Long> signals(String nodeId);

    /** The node's statement of the last closed epoch. */
    Optional<StatementBundle> statement(String nodeId);

    static CoordinatorView of(Coordinator coordinator, RewardEpochs epochs) {
        return new CoordinatorView() {
            @Override
            public String origin() {
                return coordinator.config().origin();
            }

            @Override
            public long requestFreshnessMillis() {
                return coordinator.config().requestFreshness().toMillis();
            }

            @Override
            public void submit(CrawlJob job) {
                coordinator.submit(job);
            }

            @Override
            public List<Coordinator.JobProgress> jobs() {
                return coordinator.jobs();
            }

            @Override
            public Optional<Coordinator.JobProgress> progress(String jobId) {
                return coordinator.progress(jobId);
            }

            @Override
            public Optional<JobController.JobProgress> current() {
                if (coordinator.currentJobId().isEmpty()) {
                    return Optional.empty();
                }
                Coordinator.Stats s = coordinator.stats();
                return Optional.of(new JobController.JobProgress(coordinator.currentJobId().orElse(""), coordinator.finished(),
                        s.discoveredUrls(), s.leasesIssued(), s.leasesCompleted(), s.leasesExpired(), s.creditedPages(),
                        coordinator.pendingSpotChecks()));
            }

            @Override
            public Optional<NodeCredits> credits(String nodeId) {
                return coordinator.credits().stream().filter(c -> c.nodeId().equals(nodeId)).findFirst();
            }

            @Override
            public Map<ReasonCode, Long> signals(String nodeId) {
                return coordinator.signals().snapshot().getOrDefault(nodeId, Map.of());
            }

            @Override
            public Optional<StatementBundle> statement(String nodeId) {
                return Optional.ofNullable(epochs.latestStatements().get(nodeId));
            }
        };
    }
}
