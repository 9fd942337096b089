package org.gleaner.coordinator.frontier;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gleaner.protocol.lease.LeasedUrl;

/**
 * The frontiers of the jobs a coordinator runs, in submission order. Work is taken from them in turn, so one big
 * job does not starve the others; the hosts busy under any job are busy for all of them (one host, one node at a
 * time, whatever the job). Not thread-safe: the {@code Coordinator} serializes access.
 */
public final class Frontiers {
    private final Map<String, Frontier> byJob = new LinkedHashMap<>();
    private int turn;

    public void add(Frontier frontier) {
        byJob.put(frontier.job().jobId(), frontier);
    }

    public Optional<Frontier> of(String jobId) {
        return Optional.ofNullable(byJob.get(jobId));
    }

    public boolean isEmpty() {
        return byJob.isEmpty();
    }

    public Collection<Frontier> all() {
        return byJob.values();
    }

    /** The most recently submitted job's frontier. */
    public Optional<Frontier> latest() {
        Frontier last = null;
        for (Frontier f : byJob.values()) {
            last = f;
        }
        return Optional.ofNullable(last);
    }

    /** Takes a host's batch from the next job in turn that has one not in {@code busyHosts}, after queuing due recrawls. */
    public Optional<JobBatch> take(int max, Set<String> busyHosts, long nowMillis) {
        List<Frontier> jobs = new ArrayList<>(byJob.values());
        for (int i = 0; i < jobs.size(); i++) {
            Frontier f = jobs.get((turn + i) % jobs.size());
            f.promoteDue(nowMillis);
            Optional<Frontier.HostBatch> batch = f.take(max, busyHosts);
            if (batch.isPresent()) {
                turn = (turn + i + 1) % jobs.size();
                return Optional.of(new JobBatch(f.job().jobId(), batch.get().host(), batch.get().urls()));
            }
        }
        return Optional.empty();
    }

    public int discovered() {
        return byJob.values().stream().mapToInt(Frontier::discovered).sum();
    }

    public record JobBatch(String jobId, String host, List<LeasedUrl> urls) {
    }
}
