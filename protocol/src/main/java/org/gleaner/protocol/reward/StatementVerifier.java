package org.gleaner.protocol.reward;

import org.gleaner.protocol.ledger.RewardRoot;
import java.util.List;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.ledger.EntryType;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.gleaner.protocol.merkle.InclusionVerifier;
import org.gleaner.protocol.merkle.MerkleHash;
import org.gleaner.protocol.merkle.ProofVerificationException;

/**
 * Checks a {@link StatementBundle} offline against the coordinator's key: both signatures (strict Ed25519,
 * domain-separated by record type and origin), that the ledger entry is a reward root by that coordinator for
 * the statement's epoch, tree size and root, and that the node's leaf is included in that tree.
 */
public final class StatementVerifier {
    private StatementVerifier() {
    }

    public static RewardStatement verify(StatementBundle bundle, String origin, Ed25519PublicKey coordinator)
            throws StatementCheckException {
        RewardStatement statement = bundle.statement().record();
        if (!bundle.statement().verifies(origin, coordinator)) {
            throw new StatementCheckException("the statement's signature does not verify with the coordinator key for origin " + origin);
        }
        LedgerEntry entry = bundle.rewardRoot().record();
        if (entry.type() != EntryType.REWARD_ROOT) {
            throw new StatementCheckException("the ledger entry is a " + entry.type().label() + ", not a reward root");
        }
        if (!entry.authorKey().equals(Bytes.of(coordinator.bytes()))) {
            throw new StatementCheckException("the ledger entry was not written by this coordinator");
        }
        if (!bundle.rewardRoot().verifies(origin, coordinator)) {
            throw new StatementCheckException("the ledger entry's signature does not verify with the coordinator key");
        }
        RewardRoot root;
        try {
            root = RewardRoot.decode(entry.payload().toArray());
        } catch (MalformedRecordException e) {
            throw new StatementCheckException("the ledger entry's reward root does not decode: " + e.getMessage());
        }
        if (root.epoch() != statement.epoch() || root.treeSize() != statement.treeSize()
                || !root.rootHash().equals(statement.rootHash())) {
            throw new StatementCheckException("the statement names epoch " + statement.epoch() + ", size " + statement.treeSize()
                    + ", root " + statement.rootHash().hex() + " but the ledger entry has epoch " + root.epoch() + ", size "
                    + root.treeSize() + ", root " + root.rootHash().hex());
        }
        byte[] leafHash = MerkleHash.leafHash(statement.leaf().encode().toArray());
        List<byte[]> proof = statement.inclusionProof().stream().map(Bytes::toArray).toList();
        try {
            InclusionVerifier.verify(statement.leafIndex(), statement.treeSize(), leafHash, proof, root.rootHash().toArray());
        } catch (ProofVerificationException e) {
            throw new StatementCheckException("the inclusion proof does not lead to the ledger's root: " + e.getMessage());
        }
        return statement;
    }

}
