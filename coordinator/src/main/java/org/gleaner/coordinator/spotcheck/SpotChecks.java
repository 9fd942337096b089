package org.gleaner.coordinator.spotcheck;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.coordinator.frontier.UrlNormalizer;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.lease.LeasedUrl;

/**
 * URLs chosen to be fetched again by a different node, and the leases that carry them. A check is leased like
 * ordinary work (same job, same depth as the original lease gave the URL), so the checking node cannot tell it
 * apart. Agreement is the same content hash, or for dynamic pages near-duplicate visible text ({@link TextFingerprint}).
 *
 * <p>A disagreement is not evidence against either node alone: it is recorded ({@code SPOT_CHECK_DISPUTED}) and a
 * third node, neither the original nor the checker, fetches the URL again. Only the node in the minority is
 * penalised (G110). A check not leased within the bound is recorded as unjudged with a reason, never dropped
 * and never held against anyone. Every step is a {@link CreditEvent}, so replaying the credits topic rebuilds
 * the same state and gives the same verdicts.
 */
public final class SpotChecks {
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, String> leaseOfUrl = new HashMap<>();
    private final long boundMillis;

    /** {@code boundMillis}: how long a check or arbitration may wait for a node to lease it before it is unjudged. */
    public SpotChecks(long boundMillis) {
        this.boundMillis = boundMillis;
    }

    /** Remembers a credited page to be checked; replayed from its credit event after a restart. */
    public void schedule(CreditEvent credited, String jobId, int depth, long nowMillis) {
        pending.put(credited.url(), new Pending(credited.url(), UrlNormalizer.hostKey(credited.url()), jobId, depth,
                Fetch.of(credited), null, nowMillis + boundMillis));
    }

    /** A checker disagreed: its fetch is kept and the URL waits for an arbiter; replayed from the dispute event. */
    public void disputed(CreditEvent dispute, long nowMillis) {
        Pending check = pending.get(dispute.url());
        if (check != null) {
            pending.put(check.url(), check.withChecker(Fetch.of(dispute), nowMillis + boundMillis));
            leaseOfUrl.remove(check.url());
        }
    }

    public void resolved(String url) {
        pending.remove(url);
        leaseOfUrl.remove(url);
    }

    /** Up to {@code max} unleased checks of one job and one host that is not busy, none already fetched by {@code nodeId}. */
    public Optional<Batch> takeFor(String nodeId, Set<String> busyHosts, int max) {
        Pending first = null;
        List<LeasedUrl> urls = new ArrayList<>();
        for (Pending p : pending.values()) {
            if (leaseOfUrl.containsKey(p.url()) || p.fetchedBy(nodeId) || busyHosts.contains(p.host())
                    || first != null && !(first.host().equals(p.host()) && first.jobId().equals(p.jobId()))) {
                continue;
            }
            first = first == null ? p : first;
            urls.add(new LeasedUrl(p.url(), p.depth()));
            if (urls.size() == max) {
                break;
            }
        }
        return first == null ? Optional.empty() : Optional.of(new Batch(first.jobId(), first.host(), urls));
    }

    /** Records that {@code leaseId}, issued to {@code nodeId}, carries the check of {@code url}. */
    public void leased(String url, String leaseId, String nodeId) {
        Pending check = pending.get(url);
        if (check != null && !check.fetchedBy(nodeId)) {
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

    /** Whether a page delivered under {@code leaseId} answers the check of {@code url}. */
    public boolean answers(String url, String leaseId) {
        return pending.containsKey(url) && leaseId.equals(leaseOfUrl.get(url));
    }

    /**
     * If this credited page answers a check or an arbitration, judges it. Returns the outcome events (empty if the
     * page answers nothing): agreement, a dispute that awaits an arbiter, or the arbiter's verdict.
     */
    public List<CreditEvent> judge(String url, String leaseId, String nodeId, Bytes contentHash, Supplier<Bytes> sketch,
            long bytes, long nowMillis) {
        if (!answers(url, leaseId)) {
            return List.of();
        }
        Pending check = pending.get(url);
        Fetch answer = new Fetch(nodeId, leaseId, contentHash, sketch.get(), bytes);
        if (check.checker() == null) {
            if (check.original().sameAs(answer)) {
                resolved(url);
                return List.of(CreditEvent.spotCheckAgreed(check.original().nodeId(), check.original().leaseId(), url, List.of(nodeId)));
            }
            CreditEvent dispute = CreditEvent.spotCheckDisputed(nodeId, leaseId, url, bytes, contentHash, answer.sketch(),
                    check.original().nodeId());
            disputed(dispute, nowMillis);
            return List.of(dispute);
        }
        resolved(url);
        return arbitrate(url, check.original(), check.checker(), answer);
    }

    private static List<CreditEvent> arbitrate(String url, Fetch original, Fetch checker, Fetch arbiter) {
        boolean withOriginal = original.sameAs(arbiter);
        boolean withChecker = checker.sameAs(arbiter);
        if (withOriginal && !withChecker) {
            return List.of(
                    CreditEvent.spotCheckFailed(checker.nodeId(), checker.leaseId(), url, checker.bytes(),
                            List.of(original.nodeId(), arbiter.nodeId())),
                    CreditEvent.spotCheckAgreed(original.nodeId(), original.leaseId(), url, List.of(arbiter.nodeId())));
        }
        if (withChecker && !withOriginal) {
            return List.of(CreditEvent.spotCheckFailed(original.nodeId(), original.leaseId(), url, original.bytes(),
                    List.of(checker.nodeId(), arbiter.nodeId())));
        }
        if (withOriginal) {
            // Near-duplicate text can sit between two pages that are not near each other: no minority, no penalty.
            return List.of(CreditEvent.spotCheckAgreed(original.nodeId(), original.leaseId(), url, List.of(arbiter.nodeId())));
        }
        return List.of(CreditEvent.spotCheckUnjudged(original.nodeId(), original.leaseId(), url, ReasonCode.SPOT_CHECK_SPLIT,
                List.of(checker.nodeId(), arbiter.nodeId())));
    }

    /** Checks and arbitrations that no node leased within the bound, recorded as unjudged (and no longer pending). */
    public List<CreditEvent> expire(long nowMillis) {
        List<CreditEvent> unjudged = new ArrayList<>();
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext();) {
            Pending p = it.next();
            if (p.dueMillis() <= nowMillis && !leaseOfUrl.containsKey(p.url())) {
                it.remove();
                unjudged.add(p.checker() == null
                        ? CreditEvent.spotCheckUnjudged(p.original().nodeId(), p.original().leaseId(), p.url(),
                                ReasonCode.SPOT_CHECK_NOT_LEASED, List.of())
                        : CreditEvent.spotCheckUnjudged(p.original().nodeId(), p.original().leaseId(), p.url(),
                                ReasonCode.SPOT_CHECK_NO_ARBITER, List.of(p.checker().nodeId())));
            }
        }
        return unjudged;
    }

    public int pendingCount() {
        return pending.size();
    }

    /** Whether checks of pages of this job still await a lease or a verdict. */
    public boolean hasPendingOf(String jobId) {
        return pending.values().stream().anyMatch(p -> p.jobId().equals(jobId));
    }

    public record Batch(String jobId, String host, List<LeasedUrl> urls) {
    }

    /** One node's fetch of the URL, as credited. */
    private record Fetch(String nodeId, String leaseId, Bytes contentHash, Bytes sketch, long bytes) {
        static Fetch of(CreditEvent event) {
            return new Fetch(event.nodeId(), event.leaseId(), event.contentHash(), event.textSketch(), event.bytes());
        }

        boolean sameAs(Fetch other) {
            return contentHash.equals(other.contentHash) || TextFingerprint.nearDuplicates(sketch, other.sketch);
        }
    }

    private record Pending(String url, String host, String jobId, int depth, Fetch original, Fetch checker, long dueMillis) {
        boolean fetchedBy(String nodeId) {
            return original.nodeId().equals(nodeId) || checker != null && checker.nodeId().equals(nodeId);
        }

        Pending withChecker(Fetch fetch, long due) {
            return new Pending(url, host, jobId, depth, original, fetch, due);
        }
    }
}
