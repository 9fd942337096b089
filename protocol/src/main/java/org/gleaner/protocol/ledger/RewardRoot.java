package org.gleaner.protocol.ledger;

import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldLimitException;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Limits;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;

/**
 * The coordinator (the entry's author) publishes the RFC 9162 root over a closed reward epoch's
 * (epoch, node, cumulative amount) leaves, so that witnesses cover every statement. Epochs are strictly
 * increasing per coordinator key.
 */
public record RewardRoot(long epoch, long leafCount, Bytes rootHash) implements LedgerPayload {
    public static final int VERSION = 1;

    public RewardRoot {
        Limits.nonNegative("epoch", epoch);
        Limits.nonNegative("leafCount", leafCount);
        Limits.exactBytes("rootHash", rootHash, FieldSizes.HASH);
        if (leafCount == 0) {
            throw new FieldLimitException("a reward root covers at least one leaf");
        }
    }

    @Override
    public EntryType entryType() {
        return EntryType.REWARD_ROOT;
    }

    @Override
    public Bytes encode() {
        return new CanonicalWriter(56).u8(VERSION).i64(epoch).i64(leafCount).fixed(rootHash).toBytes();
    }

    public static RewardRoot decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, 1 + 16 + FieldSizes.HASH, "rewardRoot", r -> {
            RecordDecoding.expectVersion(r, "rewardRoot", VERSION);
            return new RewardRoot(r.nonNegativeI64("epoch"), r.nonNegativeI64("leafCount"), r.fixed("rootHash", FieldSizes.HASH));
        });
    }
}
