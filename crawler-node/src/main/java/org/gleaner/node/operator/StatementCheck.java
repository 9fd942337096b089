package org.gleaner.node.operator;

import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.reward.RewardStatement;
import org.gleaner.protocol.reward.StatementBundle;
import org.gleaner.protocol.reward.StatementCheckException;
import org.gleaner.protocol.reward.StatementVerifier;

/**
 * The offline check of {@code gleaner rewards verify --node-key}: both of the coordinator's signatures (statement
 * and reward-root ledger entry), that they agree on epoch, tree and root, the RFC 9162 inclusion proof of this
 * node's leaf, and that the statement is this node's. Nothing is fetched: only the bundle and the keys.
 */
public final class StatementCheck {
    private StatementCheck() {
    }

    public static Result run(StatementBundle bundle, String origin, Ed25519PublicKey coordinatorKey, String nodeId) {
        try {
            RewardStatement s = StatementVerifier.verify(bundle, origin, coordinatorKey);
            if (!s.nodeKey().hex().equals(nodeId)) {
                throw new StatementCheckException("the statement is for node " + s.nodeKey().hex() + ", not " + nodeId);
            }
            return new Result(true, "statement OK", s.epoch(), s.closedAtMillis(), s.cumulativeAmount(), s.creditedPages(),
                    s.creditedBytes(), s.refusals(), s.leafIndex(), s.treeSize(), s.rootHash().hex(), coordinatorKey.fingerprint());
        } catch (StatementCheckException e) {
            RewardStatement claimed = bundle.statement().record();
            return new Result(false, "FAILED: " + e.getMessage(), claimed.epoch(), claimed.closedAtMillis(), claimed.cumulativeAmount(),
                    claimed.creditedPages(), claimed.creditedBytes(), claimed.refusals(), claimed.leafIndex(), claimed.treeSize(),
                    claimed.rootHash().hex(), coordinatorKey.fingerprint());
        }
    }

    /** The outcome and what the statement says (as claimed, when the check failed). */
    public record Result(boolean ok, String message, long epoch, long closedAtMillis, long cumulativeAmountMicros,
            long creditedPages, long creditedBytes, long refusals, long leafIndex, long treeSize, String rootHash,
            String coordinatorKey) {
    }
}
