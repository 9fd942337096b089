package org.gleaner.protocol.ledger;

import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Limits;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;

/**
 * The coordinator (the entry's author) publishes the RFC 9162 root over a closed reward epoch's
 * (epoch, node, cumulative amount) leaves, so that witnesses cover every statement. Epochs are strictly
 * increasing per coordinator key. An epoch in which no node earned anything has zero leaves (the root of
 * the empty tree). The coordinator builds it when it closes an epoch and submits it as a ledger entry; node
 * statements name the same tree size and root.
 */
public record RewardRoot(long epoch, long treeSize, Bytes rootHash, long closedAtMillis) implements LedgerPayload {
    public static final int VERSION = 1;
    public static final int MAX_ENCODED = 1 + 16 + FieldSizes.HASH + 8;

    public RewardRoot {
        Limits.nonNegative("epoch", epoch);
        Limits.nonNegative("treeSize", treeSize);
        Limits.exactBytes("rootHash", rootHash, FieldSizes.HASH);
        Limits.nonNegative("closedAtMillis", closedAtMillis);
    }

    @Override
    public EntryType entryType() {
        return EntryType.REWARD_ROOT;
    }

    @Override
    public Bytes encode() {
        return new CanonicalWriter(MAX_ENCODED).u8(VERSION).i64(epoch).i64(treeSize).fixed(rootHash).i64(closedAtMillis).toBytes();
    }

    public static RewardRoot decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, MAX_ENCODED, "rewardRoot", r -> {
            RecordDecoding.expectVersion(r, "rewardRoot", VERSION);
            return new RewardRoot(r.nonNegativeI64("epoch"), r.nonNegativeI64("treeSize"), r.fixed("rootHash", FieldSizes.HASH),
                    r.nonNegativeI64("closedAtMillis"));
        });
    }
}
