package org.gleaner.coordinator.shard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.web.CoordinatorView;
import org.gleaner.coordinator.web.JobController;
import org.gleaner.protocol.reward.StatementBundle;

/**
 * The REST API's view of a shared frontier from one instance, answering for the whole network: jobs go to the jobs
 * topic (so every instance sees them); a job's progress is the sum over every partition, this instance's own and those
 * its peers report; a node's credits, signals and statement come from the credits and statements topics, which every
 * instance follows. A job is finished only when every partition reported it finished.
 */
final class SharedView implements CoordinatorView {
    private final CoordinatorConfig config;
    private final int partitions;
    private final JobBoard board;
    private final Supplier<List<FrontierShard>> shards;
    private final List<PeerClient> peers;
    private final NetworkCredits network;

    SharedView(CoordinatorConfig config, int partitions, JobBoard board, Supplier<List<FrontierShard>> shards, List<PeerClient> peers,
            NetworkCredits network) {
        this.config = config;
        this.partitions = partitions;
        this.board = board;
        this.shards = shards;
        this.peers = peers;
        this.network = network;
    }

    /** This instance's partitions, as its peers read them. */
    List<PartitionReport> localReports() {
        return shards.get().stream().map(PartitionReport::of).toList();
    }

    /** One report per partition that answered: this instance's first, then its peers'. */
    private List<PartitionReport> reports() {
        Map<Integer, PartitionReport> byPartition = new TreeMap<>();
        localReports().forEach(r -> byPartition.put(r.partition(), r));
        for (PeerClient peer : peers) {
            for (PartitionReport r : peer.reports()) {
                if (r.partition() < partitions) {
                    byPartition.putIfAbsent(r.partition(), r);
                }
            }
        }
        return new ArrayList<>(byPartition.values());
    }

    @Override
    public String origin() {
        return config.origin();
    }

    @Override
    public long requestFreshnessMillis() {
        return config.requestFreshness().toMillis();
    }

    @Override
    public void submit(CrawlJob job) {
        long running = jobs().stream().filter(p -> !p.finished()).count();
        if (running >= Coordinator.MAX_RUNNING_JOBS) {
            throw new IllegalStateException("at most " + Coordinator.MAX_RUNNING_JOBS + " jobs run at a time");
        }
        board.submitNew(job);
    }

    @Override
    public List<Coordinator.JobProgress> jobs() {
        List<PartitionReport> reports = reports();
        return board.jobs().stream().map(job -> sum(job.jobId(), reports)).toList();
    }

    @Override
    public Optional<Coordinator.JobProgress> progress(String jobId) {
        if (board.jobs().stream().noneMatch(j -> j.jobId().equals(jobId))) {
            return Optional.empty();
        }
        return Optional.of(sum(jobId, reports()));
    }

    private Coordinator.JobProgress sum(String jobId, List<PartitionReport> reports) {
        boolean finished = reports.size() == partitions;
        int discovered = 0;
        int queued = 0;
        int scheduled = 0;
        int open = 0;
        long credited = 0;
        for (PartitionReport report : reports) {
            Optional<Coordinator.JobProgress> p = report.jobs().stream().filter(j -> j.jobId().equals(jobId)).findFirst();
            if (p.isEmpty()) {
                finished = false;
                continue;
            }
            finished &= p.get().finished();
            discovered += p.get().discoveredUrls();
            queued += p.get().queuedUrls();
            scheduled += p.get().scheduledRecrawls();
            open += p.get().openLeases();
            credited += p.get().creditedPages();
        }
        return new Coordinator.JobProgress(jobId, finished, discovered, queued, scheduled, open, credited);
    }

    @Override
    public Optional<JobController.JobProgress> current() {
        List<CrawlJob> jobs = board.jobs();
        if (jobs.isEmpty()) {
            return Optional.empty();
        }
        List<PartitionReport> reports = reports();
        boolean allFinished = jobs.stream().allMatch(j -> sum(j.jobId(), reports).finished());
        return Optional.of(new JobController.JobProgress(jobs.get(jobs.size() - 1).jobId(), allFinished,
                reports.stream().mapToInt(PartitionReport::discoveredUrls).sum(),
                reports.stream().mapToInt(PartitionReport::leasesIssued).sum(),
                reports.stream().mapToInt(PartitionReport::leasesCompleted).sum(),
                reports.stream().mapToInt(PartitionReport::leasesExpired).sum(),
                reports.stream().mapToLong(PartitionReport::creditedPages).sum(),
                reports.stream().mapToInt(PartitionReport::pendingSpotChecks).sum()));
    }

    @Override
    public Optional<NodeCredits> credits(String nodeId) {
        return network.credits(nodeId);
    }

    @Override
    public Map<ReasonCode, Long> signals(String nodeId) {
        return network.signals(nodeId);
    }

    @Override
    public Optional<StatementBundle> statement(String nodeId) {
        return network.statement(nodeId);
    }
}
