package org.gleaner.coordinator.reward;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.ledger.EntryType;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.gleaner.protocol.merkle.MerkleTree;
import org.gleaner.protocol.reward.RewardLeaf;
import org.gleaner.protocol.ledger.RewardRoot;
import org.gleaner.protocol.reward.RewardStatement;
import org.gleaner.protocol.reward.StatementBundle;

/**
 * Closes one epoch: one leaf per node (sorted by node key) with its cumulative reward, an RFC 9162 tree over
 * them, a signed reward-root ledger entry, and each node's signed statement with its inclusion proof.
 */
public final class EpochCloser {
    private final String origin;
    private final Ed25519KeyPair key;
    private final RewardPolicy policy;
    private final SecureRandom random = new SecureRandom();

    public EpochCloser(String origin, Ed25519KeyPair key, RewardPolicy policy) {
        this.origin = origin;
        this.key = key;
        this.policy = policy;
    }

    public ClosedEpoch close(long epoch, List<NodeCredits> credits, long closedAtMillis) {
        List<NodeCredits> nodes = credits.stream().filter(c -> !CreditEvent.UNVERIFIED.equals(c.nodeId()))
                .filter(c -> c.nodeId().matches("[0-9a-f]{64}"))
                .sorted(java.util.Comparator.comparing(NodeCredits::nodeId)).toList();
        MerkleTree tree = new MerkleTree();
        List<RewardLeaf> leaves = new ArrayList<>();
        for (NodeCredits node : nodes) {
            RewardLeaf leaf = new RewardLeaf(epoch, Bytes.fromHex(node.nodeId()), policy.cumulativeAmount(node));
            leaves.add(leaf);
            tree.append(leaf.encode().toArray());
        }
        Bytes root = Bytes.of(tree.rootHash());
        RewardRoot rewardRoot = new RewardRoot(epoch, tree.size(), root, closedAtMillis);
        LedgerEntry entry = new LedgerEntry(EntryType.REWARD_ROOT, Bytes.of(key.publicKey().bytes()), closedAtMillis, nonce(),
                rewardRoot.encode());
        Signed<LedgerEntry> signedEntry = Signed.sign(entry, origin, key);
        Map<String, StatementBundle> statements = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeCredits node = nodes.get(i);
            List<Bytes> proof = tree.inclusionProof(i, tree.size()).stream().map(Bytes::of).toList();
            RewardStatement statement = new RewardStatement(epoch, leaves.get(i).nodeKey(), leaves.get(i).cumulativeAmount(),
                    node.pages(), node.bytes(), node.refusals().values().stream().mapToLong(Long::longValue).sum(), i,
                    tree.size(), root, proof, closedAtMillis);
            statements.put(node.nodeId(), new StatementBundle(Signed.sign(statement, origin, key), signedEntry));
        }
        return new ClosedEpoch(rewardRoot, signedEntry, statements);
    }

    private Bytes nonce() {
        byte[] n = new byte[16];
        random.nextBytes(n);
        return Bytes.of(n);
    }

    /** An epoch's outcome: the root, its signed ledger entry, and each node's statement bundle by node id. */
    public record ClosedEpoch(RewardRoot root, Signed<LedgerEntry> ledgerEntry, Map<String, StatementBundle> statements) {
        public ClosedEpoch {
            statements = Map.copyOf(statements);
        }
    }
}
