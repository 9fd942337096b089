package org.gleaner.coordinator.shard;

import java.util.List;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalReader;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;

/**
 * A record of the shared frontier's epochs topic. A {@link Cut} fixes what an epoch covers before its tree is built:
 * for each partition of the credits topic, the committed end offset at close time; a {@link Closed} says the epoch's
 * root and statements were published (in the same transaction). Whoever closes an epoch whose cut is recorded but
 * not closed uses that cut, so a re-close after a crash builds the identical tree.
 */
sealed interface EpochRecord {
    int VERSION = 1;
    /** More partitions than any credits topic will have; bounds what a malformed record can make us allocate. */
    int MAX_PARTITIONS = 10_000;
    int MAX_ENCODED = 64 + 8 * MAX_PARTITIONS + FieldSizes.HASH;

    long epoch();

    long closedAtMillis();

    /** Per credits partition (by index), the offset the epoch's credits end before. */
    List<Long> creditEnds();

    record Cut(long epoch, long closedAtMillis, List<Long> creditEnds) implements EpochRecord {
        public Cut {
            creditEnds = checked(epoch, closedAtMillis, creditEnds);
        }
    }

    record Closed(long epoch, long closedAtMillis, List<Long> creditEnds, long treeSize, Bytes rootHash) implements EpochRecord {
        public Closed {
            creditEnds = checked(epoch, closedAtMillis, creditEnds);
            if (treeSize < 0 || rootHash == null || rootHash.length() != FieldSizes.HASH) {
                throw new IllegalArgumentException("a closed epoch needs a tree size >= 0 and a 32-byte root");
            }
        }
    }

    private static List<Long> checked(long epoch, long closedAtMillis, List<Long> creditEnds) {
        if (epoch < 1 || closedAtMillis < 0) {
            throw new IllegalArgumentException("epoch must be >= 1 and the close time >= 0");
        }
        if (creditEnds == null || creditEnds.isEmpty() || creditEnds.size() > MAX_PARTITIONS
                || creditEnds.stream().anyMatch(o -> o == null || o < 0)) {
            throw new IllegalArgumentException("credit end offsets: 1-" + MAX_PARTITIONS + " offsets >= 0");
        }
        return List.copyOf(creditEnds);
    }

    static byte[] encode(EpochRecord record) {
        CanonicalWriter w = new CanonicalWriter(64 + 8 * record.creditEnds().size()).u8(VERSION)
                .u8(record instanceof Cut ? 1 : 2).i64(record.epoch()).i64(record.closedAtMillis())
                .list(record.creditEnds(), CanonicalWriter::i64);
        if (record instanceof Closed closed) {
            w.i64(closed.treeSize()).fixed(closed.rootHash());
        }
        return w.toByteArray();
    }

    static EpochRecord decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, MAX_ENCODED, "epochRecord", EpochRecord::read);
    }

    private static EpochRecord read(CanonicalReader r) throws MalformedRecordException {
        RecordDecoding.expectVersion(r, "epochRecord", VERSION);
        int type = r.u8("type");
        long epoch = r.nonNegativeI64("epoch");
        long closedAt = r.nonNegativeI64("closedAtMillis");
        List<Long> ends = r.list("creditEnds", MAX_PARTITIONS, (rr, f) -> rr.nonNegativeI64(f));
        return switch (type) {
            case 1 -> new Cut(epoch, closedAt, ends);
            case 2 -> new Closed(epoch, closedAt, ends, r.nonNegativeI64("treeSize"), r.fixed("rootHash", FieldSizes.HASH));
            default -> throw new MalformedRecordException("epochRecord: unknown type " + type);
        };
    }
}
