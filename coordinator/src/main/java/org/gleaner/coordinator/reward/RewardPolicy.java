package org.gleaner.coordinator.reward;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.coordinator.credit.ReasonCode;

/**
 * Turns a node's credits into its cumulative reward, in micro-units: a fixed amount per credited page plus
 * one per delivered byte, less a penalty for each refusal that only a misbehaving node can cause. Refusals
 * that an honest node can get (a page that arrived after its lease was released, a record that did not
 * decode, a receipt we could not attribute) carry no penalty. Never below zero.
 */
public record RewardPolicy(long perPage, long perByte, long perPenalty) {
    public static final RewardPolicy DEFAULT = new RewardPolicy(1_000_000, 1, 2_000_000);

    /** Refusals that count against a node: it claimed work it was not given, or lied about what it fetched. */
    public static final Set<ReasonCode> PENALIZED = EnumSet.of(ReasonCode.NO_LEASE, ReasonCode.LEASE_OF_OTHER_NODE,
            ReasonCode.URL_NOT_LEASED, ReasonCode.OUTSIDE_LEASE_WINDOW, ReasonCode.HASH_MISMATCH, ReasonCode.DUPLICATE,
            ReasonCode.SPOT_CHECK_FAILED);

    public RewardPolicy {
        if (perPage < 0 || perByte < 0 || perPenalty < 0) {
            throw new IllegalArgumentException("reward rates must not be negative");
        }
    }

    public long cumulativeAmount(NodeCredits credits) {
        long earned = Math.addExact(Math.multiplyExact(credits.pages(), perPage), Math.multiplyExact(credits.bytes(), perByte));
        return Math.max(0, earned - Math.multiplyExact(penalties(credits.refusals()), perPenalty));
    }

    public static long penalties(Map<ReasonCode, Long> refusals) {
        return refusals.entrySet().stream().filter(e -> PENALIZED.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }
}
