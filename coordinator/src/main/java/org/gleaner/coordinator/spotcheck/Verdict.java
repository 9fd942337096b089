package org.gleaner.coordinator.spotcheck;

import java.util.ArrayList;
import java.util.List;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.ReasonCode;

/**
 * The outcome of a dispute once every arbiter answered. A party is penalised only if every arbiter sided with the
 * other party and not with it, so with two arbiters a cheat needs both to be its partners. An arbiter that agrees with
 * both (near-duplicate text) or with neither takes nobody's side.
 */
final class Verdict {
    private Verdict() {
    }

    static List<CreditEvent> of(String url, SpotChecks.Fetch original, SpotChecks.Fetch checker, List<SpotChecks.Fetch> arbiters) {
        boolean allWithOriginal = arbiters.stream().allMatch(a -> a.sameAs(original) && !a.sameAs(checker));
        boolean allWithChecker = arbiters.stream().allMatch(a -> a.sameAs(checker) && !a.sameAs(original));
        List<String> arbiterIds = arbiters.stream().map(SpotChecks.Fetch::nodeId).toList();
        if (allWithOriginal) {
            return List.of(
                    CreditEvent.spotCheckFailed(checker.nodeId(), checker.leaseId(), url, checker.bytes(), with(original.nodeId(), arbiterIds)),
                    CreditEvent.spotCheckAgreed(original.nodeId(), original.leaseId(), url, arbiterIds));
        }
        if (allWithChecker) {
            return List.of(CreditEvent.spotCheckFailed(original.nodeId(), original.leaseId(), url, original.bytes(),
                    with(checker.nodeId(), arbiterIds)));
        }
        List<String> agreeing = arbiters.stream().filter(a -> a.sameAs(original)).map(SpotChecks.Fetch::nodeId).toList();
        boolean someWithCheckerOnly = arbiters.stream().anyMatch(a -> a.sameAs(checker) && !a.sameAs(original));
        if (!agreeing.isEmpty() && !someWithCheckerOnly) {
            // Near-duplicate text can sit between two pages that are not near each other: no minority, no penalty.
            return List.of(CreditEvent.spotCheckAgreed(original.nodeId(), original.leaseId(), url, agreeing));
        }
        return List.of(CreditEvent.spotCheckUnjudged(original.nodeId(), original.leaseId(), url, ReasonCode.SPOT_CHECK_SPLIT,
                with(checker.nodeId(), arbiterIds)));
    }

    private static List<String> with(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }
}
