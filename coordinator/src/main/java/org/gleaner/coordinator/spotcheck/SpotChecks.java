package org.gleaner.coordinator.spotcheck;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.coordinator.frontier.UrlNormalizer;
import org.gleaner.coordinator.journal.JournalEvent;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.lease.LeasedUrl;

/**
 * URLs chosen to be fetched again by other nodes, who fetches them, and the leases that carry them. The coordinator
 * draws the checker, and for a disagreement the arbiters, itself ({@link CheckerDraw}); only a drawn node is ever
 * leased the URL, so asking first gains nothing. A check is leased like ordinary work (same job, same depth as the
 * original lease gave the URL), so the checking node cannot tell it apart. Agreement is the same content hash, or
 * for dynamic pages near-duplicate visible text ({@link TextFingerprint}).
 *
 * <p>A disagreement is not evidence against either node alone: it is recorded ({@code SPOT_CHECK_DISPUTED}) and two
 * arbiters (one when only one independent node is active) fetch the URL again. A node is penalised (G110) only if
 * every arbiter sided with the other party. A drawn node that does not answer within the bound is replaced by a new
 * draw, and never drawn again for that check. Nodes of a party's registration burst are drawn only if no other node was
 * seen recently, or after half the bound passed without anyone else to draw. A check that finds nobody to draw within the bound, or whose assignees
 * were replaced more than {@link #MAX_REPLACEMENTS} times, is recorded as unjudged with a reason, never dropped and
 * never held against anyone. Every step is a {@link CreditEvent} or a journaled {@link JournalEvent.SpotCheckAssigned},
 * so a restart rebuilds the same state, keeps the same assignees and gives the same verdicts.
 */
public final class SpotChecks {
    /** Replacements of non-answering assignees one check may go through before it is recorded as unjudged. */
    public static final int MAX_REPLACEMENTS = 4;
    /** Arbiters drawn for a dispute when at least that many independent nodes are active. */
    public static final int ARBITERS = 2;
    /** How long a draw that came up short is not repeated unless the roster changed. */
    static final long REDRAW_MILLIS = 10_000;

    private final Map<String, Check> pending = new LinkedHashMap<>();
    private final long boundMillis;
    private final CheckerDraw draw;

    /** {@code boundMillis}: how long a drawn node has to answer, and a check may wait for anyone to draw. */
    public SpotChecks(long boundMillis, CheckerDraw draw) {
        this.boundMillis = boundMillis;
        this.draw = draw;
    }

    /** Remembers a credited page to be checked; replayed from its credit event after a restart. */
    public void schedule(CreditEvent credited, String jobId, int depth, long nowMillis) {
        pending.put(credited.url(), new Check(credited.url(), UrlNormalizer.hostKey(credited.url()), jobId, depth,
                Fetch.of(credited), nowMillis));
    }

    /** A checker disagreed: its fetch is kept and the URL waits for arbiters; replayed from the dispute event. */
    public void disputed(CreditEvent dispute, long nowMillis) {
        Check check = pending.get(dispute.url());
        if (check != null && check.checker == null) {
            check.startArbitration(Fetch.of(dispute), nowMillis);
        }
    }

    /** One of two arbiters answered; replayed from its event. */
    public void arbitrated(CreditEvent answer) {
        Check check = pending.get(answer.url());
        if (check != null && check.checker != null && check.arbiterAnswers.stream().noneMatch(a -> a.nodeId().equals(answer.nodeId()))) {
            check.arbiterAnswers.add(Fetch.of(answer));
            check.slotOf(answer.nodeId()).ifPresent(s -> s.answered = true);
        }
    }

    public void resolved(String url) {
        pending.remove(url);
    }

    /** Re-applies a journaled draw after a restart; the assignees' time to answer counts from the restart. */
    public void restoreAssignment(JournalEvent.SpotCheckAssigned assigned, long nowMillis) {
        Check check = pending.get(assigned.url());
        if (check == null || !check.original.leaseId().equals(assigned.originalLeaseId()) || (check.checker != null) != assigned.arbitration()) {
            return;
        }
        check.wanted = assigned.wanted();
        check.replaced.addAll(assigned.replaced());
        check.slots.clear();
        for (String node : assigned.assignees()) {
            Slot slot = new Slot(node, nowMillis + boundMillis);
            slot.answered = check.arbiterAnswers.stream().anyMatch(a -> a.nodeId().equals(node));
            check.slots.add(slot);
        }
        check.unfilledSince = check.slots.size() < check.wanted ? nowMillis : Long.MAX_VALUE;
    }

    /**
     * Replaces assignees that did not answer in time and draws for every check that lacks assignees, among the
     * {@code active} nodes. Returns the changed assignments, which the caller journals before it leases any of them.
     */
    public List<JournalEvent.SpotCheckAssigned> assign(Supplier<Collection<String>> activeNodes, Supplier<Collection<String>> recentNodes,
            long rosterVersion, long nowMillis) {
        List<JournalEvent.SpotCheckAssigned> changed = new ArrayList<>();
        Collection<String> active = null;
        Collection<String> recent = null;
        for (Check check : pending.values()) {
            boolean replaced = check.replaceLate(nowMillis);
            if (replaced) {
                // A replaced node no longer shields its network group as a party: the next draw may come out differently.
                check.failedDraw = null;
            }
            int wanted = check.wanted > 0 ? check.wanted : check.checker == null ? 1 : ARBITERS;
            // Replaced too often: no new draw; expire() records it as unjudged.
            int open = check.replaced.size() > MAX_REPLACEMENTS ? 0 : wanted - check.slots.size();
            // Burst mates of a party even while others are around, once none of them could be drawn for half the bound.
            boolean burstMatesToo = check.unfilledSince != Long.MAX_VALUE && nowMillis - check.unfilledSince >= boundMillis / 2;
            if (open > 0 && check.failedDraw != null && check.failedDraw.wouldFailAgain(rosterVersion, burstMatesToo, nowMillis)) {
                // Nothing that could change the outcome changed: no scan of the nodes on every request.
                open = 0;
            }
            if (open > 0 && active == null) {
                active = activeNodes.get();
                recent = recentNodes.get();
            }
            List<String> drawn = open <= 0 ? List.of() : draw.draw(active, recent, check.parties(), check.notDrawable(), open,
                    burstMatesToo);
            if (open > 0) {
                check.failedDraw = drawn.size() < open ? new FailedDraw(rosterVersion, burstMatesToo, nowMillis) : null;
            }
            if (check.wanted == 0 && !drawn.isEmpty()) {
                check.wanted = check.checker == null ? 1 : drawn.size();
            }
            drawn.forEach(node -> check.slots.add(new Slot(node, nowMillis + boundMillis)));
            if (check.slots.size() >= check.wanted && check.wanted > 0) {
                check.unfilledSince = Long.MAX_VALUE;
            }
            if (check.wanted > 0 && (replaced || !drawn.isEmpty())) {
                changed.add(new JournalEvent.SpotCheckAssigned(check.url, check.original.leaseId(), check.checker != null,
                        check.wanted, check.slots.stream().map(s -> s.nodeId).toList(), List.copyOf(check.replaced)));
            }
        }
        return changed;
    }

    /** Up to {@code max} checks drawn for {@code nodeId} and not leased yet, of one job and one host that is not busy. */
    public Optional<Batch> takeFor(String nodeId, Set<String> busyHosts, int max) {
        Check first = null;
        List<LeasedUrl> urls = new ArrayList<>();
        for (Check c : pending.values()) {
            Optional<Slot> slot = c.slotOf(nodeId);
            if (slot.isEmpty() || slot.get().answered || slot.get().leaseId != null || busyHosts.contains(c.host)
                    || first != null && !(first.host.equals(c.host) && first.jobId.equals(c.jobId))) {
                continue;
            }
            first = first == null ? c : first;
            urls.add(new LeasedUrl(c.url, c.depth));
            if (urls.size() == max) {
                break;
            }
        }
        return first == null ? Optional.empty() : Optional.of(new Batch(first.jobId, first.host, urls));
    }

    /** Records that {@code leaseId}, issued to {@code nodeId}, carries the check of {@code url} (if it was drawn for it). */
    public void leased(String url, String leaseId, String nodeId) {
        Check check = pending.get(url);
        if (check != null) {
            check.slotOf(nodeId).filter(s -> !s.answered).ifPresent(s -> s.leaseId = leaseId);
        }
    }

    /** A check handed back unfetched by the node of {@code leaseId}: that node may lease it again until its time is up. */
    public void handedBack(String url, String leaseId) {
        Check check = pending.get(url);
        if (check != null) {
            check.slots.stream().filter(s -> leaseId.equals(s.leaseId)).forEach(s -> s.leaseId = null);
        }
    }

    /** A released lease's unanswered checks: their nodes may lease them again until their time is up. */
    public void released(String leaseId) {
        for (Check check : pending.values()) {
            check.slots.stream().filter(s -> leaseId.equals(s.leaseId) && !s.answered).forEach(s -> s.leaseId = null);
        }
    }

    /** Whether a page delivered under {@code leaseId} answers the check of {@code url}. */
    public boolean answers(String url, String leaseId) {
        Check check = pending.get(url);
        return check != null && check.slotLeasedAs(leaseId).isPresent();
    }

    /**
     * If this credited page answers a check or an arbitration, judges it. Returns the outcome events (empty if the
     * page answers nothing): agreement, a dispute that awaits arbiters, an arbiter's answer that awaits the other
     * arbiter, or the verdict.
     */
    public List<CreditEvent> judge(String url, String leaseId, String nodeId, Bytes contentHash, Supplier<Bytes> sketch,
            long bytes, long nowMillis) {
        Check check = pending.get(url);
        Optional<Slot> slot = check == null ? Optional.empty() : check.slotLeasedAs(leaseId).filter(s -> s.nodeId.equals(nodeId));
        if (slot.isEmpty()) {
            return List.of();
        }
        slot.get().answered = true;
        Fetch answer = new Fetch(nodeId, leaseId, contentHash, sketch.get(), bytes);
        if (check.checker == null) {
            if (check.original.sameAs(answer)) {
                resolved(url);
                return List.of(CreditEvent.spotCheckAgreed(check.original.nodeId(), check.original.leaseId(), url, List.of(nodeId)));
            }
            CreditEvent dispute = CreditEvent.spotCheckDisputed(nodeId, leaseId, url, bytes, contentHash, answer.sketch(),
                    check.original.nodeId());
            check.startArbitration(answer, nowMillis);
            return List.of(dispute);
        }
        check.arbiterAnswers.add(answer);
        if (check.arbiterAnswers.size() < check.wanted) {
            return List.of(CreditEvent.spotCheckArbitrated(nodeId, leaseId, url, bytes, contentHash, answer.sketch(),
                    check.original.nodeId(), check.checker.nodeId()));
        }
        resolved(url);
        return Verdict.of(url, check.original, check.checker, check.arbiterAnswers);
    }

    /**
     * Checks and arbitrations recorded as unjudged (and no longer pending): nobody could be drawn within the bound,
     * or the assignees were replaced too often. A check whose lease is still out waits for it.
     */
    public List<CreditEvent> expire(long nowMillis) {
        List<CreditEvent> unjudged = new ArrayList<>();
        for (Iterator<Check> it = pending.values().iterator(); it.hasNext();) {
            Check c = it.next();
            boolean leaseOut = c.slots.stream().anyMatch(s -> !s.answered && s.leaseId != null);
            boolean starved = c.unfilledSince != Long.MAX_VALUE && c.unfilledSince + boundMillis <= nowMillis;
            if (leaseOut || !(starved || c.replaced.size() > MAX_REPLACEMENTS)) {
                continue;
            }
            it.remove();
            if (c.checker == null) {
                unjudged.add(CreditEvent.spotCheckUnjudged(c.original.nodeId(), c.original.leaseId(), c.url,
                        ReasonCode.SPOT_CHECK_NOT_LEASED, List.of()));
            } else {
                List<String> witnesses = new ArrayList<>(List.of(c.checker.nodeId()));
                c.arbiterAnswers.forEach(a -> witnesses.add(a.nodeId()));
                unjudged.add(CreditEvent.spotCheckUnjudged(c.original.nodeId(), c.original.leaseId(), c.url,
                        ReasonCode.SPOT_CHECK_NO_ARBITER, witnesses));
            }
        }
        return unjudged;
    }

    public int pendingCount() {
        return pending.size();
    }

    /** Whether checks of pages of this job still await a lease or a verdict. */
    public boolean hasPendingOf(String jobId) {
        return pending.values().stream().anyMatch(p -> p.jobId.equals(jobId));
    }

    public record Batch(String jobId, String host, List<LeasedUrl> urls) {
    }

    /** One node's fetch of the URL, as credited. */
    record Fetch(String nodeId, String leaseId, Bytes contentHash, Bytes sketch, long bytes) {
        static Fetch of(CreditEvent event) {
            return new Fetch(event.nodeId(), event.leaseId(), event.contentHash(), event.textSketch(), event.bytes());
        }

        boolean sameAs(Fetch other) {
            return contentHash.equals(other.contentHash) || TextFingerprint.nearDuplicates(sketch, other.sketch);
        }
    }

    /**
     * A draw that found fewer nodes than wanted. It is tried again only when the roster changed, when burst mates
     * become drawable, or after {@link #REDRAW_MILLIS} (nodes leave the recent set without a version change).
     */
    private record FailedDraw(long rosterVersion, boolean burstMatesToo, long atMillis) {
        boolean wouldFailAgain(long version, boolean burstMatesNow, long nowMillis) {
            return version == rosterVersion && burstMatesNow == burstMatesToo && nowMillis < atMillis + REDRAW_MILLIS;
        }
    }

    /** A node drawn to fetch the URL, by when it must answer, and the lease that carries the URL to it, if any. */
    private static final class Slot {
        final String nodeId;
        final long answerByMillis;
        String leaseId;
        boolean answered;

        Slot(String nodeId, long answerByMillis) {
            this.nodeId = nodeId;
            this.answerByMillis = answerByMillis;
        }
    }

    /** One URL under check: the original fetch, the checker's once it disagreed, the arbiters' answers, and who is drawn. */
    private static final class Check {
        final String url;
        final String host;
        final String jobId;
        final int depth;
        final Fetch original;
        Fetch checker;
        final List<Fetch> arbiterAnswers = new ArrayList<>();
        final List<Slot> slots = new ArrayList<>();
        final Set<String> replaced = new LinkedHashSet<>();
        /** Nodes wanted in the current stage; 0 until the first draw found anyone. */
        int wanted;
        /** Since when the stage has lacked assignees ({@code Long.MAX_VALUE}: it has all it wants). */
        long unfilledSince;
        FailedDraw failedDraw;

        Check(String url, String host, String jobId, int depth, Fetch original, long nowMillis) {
            this.url = url;
            this.host = host;
            this.jobId = jobId;
            this.depth = depth;
            this.original = original;
            this.unfilledSince = nowMillis;
        }

        void startArbitration(Fetch checkerFetch, long nowMillis) {
            checker = checkerFetch;
            slots.clear();
            wanted = 0;
            failedDraw = null;
            unfilledSince = nowMillis;
        }

        /** Drops assignees whose time is up and who hold no lease of the URL; they are never drawn again for this check. */
        boolean replaceLate(long nowMillis) {
            boolean any = false;
            for (Iterator<Slot> it = slots.iterator(); it.hasNext();) {
                Slot s = it.next();
                if (!s.answered && s.leaseId == null && s.answerByMillis <= nowMillis) {
                    it.remove();
                    replaced.add(s.nodeId);
                    unfilledSince = Math.min(unfilledSince, nowMillis);
                    any = true;
                }
            }
            return any;
        }

        /** Nodes that fetched (or are drawn to fetch) this URL: a new draw must be independent of all of them. */
        List<String> parties() {
            List<String> parties = new ArrayList<>(List.of(original.nodeId()));
            if (checker != null) {
                parties.add(checker.nodeId());
            }
            slots.forEach(s -> parties.add(s.nodeId));
            return parties;
        }

        Set<String> notDrawable() {
            return replaced;
        }

        Optional<Slot> slotOf(String nodeId) {
            return slots.stream().filter(s -> s.nodeId.equals(nodeId)).findFirst();
        }

        Optional<Slot> slotLeasedAs(String leaseId) {
            return slots.stream().filter(s -> !s.answered && leaseId.equals(s.leaseId)).findFirst();
        }
    }
}
