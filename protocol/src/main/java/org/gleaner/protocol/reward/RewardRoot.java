package org.gleaner.protocol.reward;

import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Limits;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;

/**
 * The payload of a {@code REWARD_ROOT} ledger entry: the root hash and size of one epoch's reward tree, so
 * that witnesses of the ledger cover every node's statement for that epoch.
 */
public record RewardRoot(long epoch, long treeSize, Bytes rootHash, long closedAtMillis) {
    public static final int VERSION = 1;
    public static final int MAX_ENCODED = 64;

    public RewardRoot {
        Limits.nonNegative("epoch", epoch);
        Limits.nonNegative("treeSize", treeSize);
        Limits.exactBytes("rootHash", rootHash, FieldSizes.HASH);
        Limits.nonNegative("closedAtMillis", closedAtMillis);
    }

    public Bytes encode() {
        return new CanonicalWriter(64).u8(VERSION).i64(epoch).i64(treeSize).fixed(rootHash).i64(closedAtMillis).toBytes();
    }

    public static RewardRoot decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, MAX_ENCODED, "rewardRoot", r -> {
            RecordDecoding.expectVersion(r, "rewardRoot", VERSION);
            return new RewardRoot(r.nonNegativeI64("epoch"), r.nonNegativeI64("treeSize"), r.fixed("rootHash", FieldSizes.HASH),
                    r.nonNegativeI64("closedAtMillis"));
        });
    }
}
