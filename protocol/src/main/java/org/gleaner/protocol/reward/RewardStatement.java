package org.gleaner.protocol.reward;

import java.util.List;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalReader;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldLimitException;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Limits;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;
import org.gleaner.protocol.codec.Signable;

/**
 * What the coordinator tells one node at an epoch's close, signed: its cumulative reward, credited pages and
 * bytes, refusals, and the RFC 9162 inclusion proof of its leaf in the epoch's reward tree, whose root is in
 * the ledger. A node can check all of it offline.
 */
public record RewardStatement(
        long epoch,
        Bytes nodeKey,
        long cumulativeAmount,
        long creditedPages,
        long creditedBytes,
        long refusals,
        long leafIndex,
        long treeSize,
        Bytes rootHash,
        List<Bytes> inclusionProof,
        long closedAtMillis) implements Signable {

    public static final String TYPE = "gleaner/reward-statement/v1";
    public static final int VERSION = 1;
    public static final int MAX_PROOF = 64;
    public static final int MAX_ENCODED = 256 + MAX_PROOF * (FieldSizes.HASH + 4);

    public RewardStatement {
        Limits.nonNegative("epoch", epoch);
        Limits.exactBytes("nodeKey", nodeKey, FieldSizes.KEY);
        Limits.nonNegative("cumulativeAmount", cumulativeAmount);
        Limits.nonNegative("creditedPages", creditedPages);
        Limits.nonNegative("creditedBytes", creditedBytes);
        Limits.nonNegative("refusals", refusals);
        Limits.nonNegative("leafIndex", leafIndex);
        if (leafIndex >= treeSize) {
            throw new FieldLimitException("leafIndex must be below treeSize");
        }
        Limits.exactBytes("rootHash", rootHash, FieldSizes.HASH);
        inclusionProof = List.copyOf(Limits.count("inclusionProof", inclusionProof, MAX_PROOF));
        inclusionProof.forEach(h -> Limits.exactBytes("inclusionProof[]", h, FieldSizes.HASH));
        Limits.nonNegative("closedAtMillis", closedAtMillis);
    }

    public RewardLeaf leaf() {
        return new RewardLeaf(epoch, nodeKey, cumulativeAmount);
    }

    @Override
    public String recordType() {
        return TYPE;
    }

    @Override
    public Bytes encode() {
        return new CanonicalWriter(MAX_ENCODED).u8(VERSION).i64(epoch).fixed(nodeKey).i64(cumulativeAmount)
                .i64(creditedPages).i64(creditedBytes).i64(refusals).i64(leafIndex).i64(treeSize).fixed(rootHash)
                .list(inclusionProof, CanonicalWriter::fixed).i64(closedAtMillis).toBytes();
    }

    public static RewardStatement read(CanonicalReader r) throws MalformedRecordException {
        RecordDecoding.expectVersion(r, "rewardStatement", VERSION);
        return new RewardStatement(r.nonNegativeI64("epoch"), r.fixed("nodeKey", FieldSizes.KEY),
                r.nonNegativeI64("cumulativeAmount"), r.nonNegativeI64("creditedPages"), r.nonNegativeI64("creditedBytes"),
                r.nonNegativeI64("refusals"), r.nonNegativeI64("leafIndex"), r.nonNegativeI64("treeSize"),
                r.fixed("rootHash", FieldSizes.HASH), r.list("inclusionProof", MAX_PROOF, (rr, f) -> rr.fixed(f, FieldSizes.HASH)),
                r.nonNegativeI64("closedAtMillis"));
    }
}
