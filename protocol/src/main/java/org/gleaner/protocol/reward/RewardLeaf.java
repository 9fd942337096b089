package org.gleaner.protocol.reward;

import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Limits;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;

/**
 * One leaf of an epoch's reward tree: a node's cumulative reward (in micro-units) as of the close of an epoch.
 * The leaf's bytes are this canonical encoding, prefixed by a type tag so that a reward leaf can never be
 * passed off as any other tree's leaf; the tree hashes them as RFC 9162 leaves.
 */
public record RewardLeaf(long epoch, Bytes nodeKey, long cumulativeAmount) {
    public static final String TAG = "gleaner/reward-leaf/v1";
    public static final int VERSION = 1;
    public static final int MAX_ENCODED = 128;

    public RewardLeaf {
        Limits.nonNegative("epoch", epoch);
        Limits.exactBytes("nodeKey", nodeKey, FieldSizes.KEY);
        Limits.nonNegative("cumulativeAmount", cumulativeAmount);
    }

    public Bytes encode() {
        return new CanonicalWriter(96).string(TAG).u8(VERSION).i64(epoch).fixed(nodeKey).i64(cumulativeAmount).toBytes();
    }

    public static RewardLeaf decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, MAX_ENCODED, "rewardLeaf", r -> {
            String tag = r.string("tag", 64);
            if (!TAG.equals(tag)) {
                throw new MalformedRecordException("rewardLeaf: tag " + tag + " is not " + TAG);
            }
            RecordDecoding.expectVersion(r, "rewardLeaf", VERSION);
            return new RewardLeaf(r.nonNegativeI64("epoch"), r.fixed("nodeKey", FieldSizes.KEY), r.nonNegativeI64("cumulativeAmount"));
        });
    }
}
