package org.gleaner.coordinator.spotcheck;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.frontier.UrlNormalizer;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.lease.LeasedUrl;

/**
 * URLs chosen to be fetched again by a different node, and the leases that carry them. The checking node
 * cannot tell a spot check from ordinary work. Agreement is the same content hash, or for dynamic pages
 * near-duplicate visible text ({@link TextFingerprint}); anything else is a failed spot check of the node
 * that delivered the URL first.
 */
public final class SpotChecks {
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, String> leaseOfUrl = new HashMap<>();

    /** Remembers a credited page to be checked; replayed from its credit event after a restart. */
    public void schedule(CreditEvent credited, int depth) {
        pending.put(credited.url(), new Pending(credited.url(), UrlNormalizer.hostKey(credited.url()), credited.nodeId(),
                credited.leaseId(), credited.contentHash(), credited.textSketch(), depth));
    }

    public void resolved(String url) {
        pending.remove(url);
        leaseOfUrl.remove(url);
    }

    /** Up to {@code max} unleased checks of one host that is not busy, none first delivered by {@code nodeId}. */
    public Optional<Batch> takeFor(String nodeId, Set<String> busyHosts, int max) {
        String host = null;
        List<LeasedUrl> urls = new ArrayList<>();
        for (Pending p : pending.values()) {
            if (leaseOfUrl.containsKey(p.url()) || p.originalNode().equals(nodeId) || busyHosts.contains(p.host())
                    || host != null && !host.equals(p.host())) {
                continue;
            }
            host = p.host();
            urls.add(new LeasedUrl(p.url(), p.depth()));
            if (urls.size() == max) {
                break;
            }
        }
        return host == null ? Optional.empty() : Optional.of(new Batch(host, urls));
    }

    /** Records that {@code leaseId}, issued to {@code nodeId}, carries the check of {@code url}. */
    public void leased(String url, String leaseId, String nodeId) {
        Pending check = pending.get(url);
        if (check != null && !check.originalNode().equals(nodeId)) {
            leaseOfUrl.put(url, leaseId);
        }
    }

    /** A released lease's unfinished checks can go to another node. */
    /** A check handed back unfetched by the node of {@code leaseId} can be leased to someone else. */
    public void handedBack(String url, String leaseId) {
        leaseOfUrl.remove(url, leaseId);
    }

    public void released(String leaseId) {
        leaseOfUrl.values().removeIf(leaseId::equals);
    }

    /** If this credited page answers a spot check, judges it and returns the outcome for the original node. */
    public Optional<CreditEvent> judge(String url, String leaseId, Bytes contentHash, java.util.function.Supplier<Bytes> sketch) {
        Pending check = pending.get(url);
        if (check == null || !leaseId.equals(leaseOfUrl.get(url))) {
            return Optional.empty();
        }
        boolean agreed = check.contentHash().equals(contentHash)
                || TextFingerprint.nearDuplicates(check.textSketch(), sketch.get());
        resolved(url);
        return Optional.of(CreditEvent.spotCheck(agreed, check.originalNode(), check.originalLeaseId(), url));
    }

    public int pendingCount() {
        return pending.size();
    }

    public record Batch(String host, List<LeasedUrl> urls) {
    }

    private record Pending(String url, String host, String originalNode, String originalLeaseId, Bytes contentHash,
            Bytes textSketch, int depth) {
    }
}
