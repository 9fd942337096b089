package org.gleaner.protocol.ledger;

import java.util.HashSet;
import java.util.List;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldLimitException;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Limits;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;

/**
 * A subject licenses the identifiers behind {@code commitments} for {@code purposes} (vocabulary
 * {@code vocabularyVersion}) under {@code licence}, limited to {@code scope} (source hosts or data
 * categories; empty means every source), in exchange for {@code shareBasisPoints} (1/100 of a percent) of
 * the compensation, between {@code notBeforeMillis} and {@code notAfterMillis}. Its id is the RFC 9162
 * leaf hash of the entry that carries it.
 */
public record Grant(List<Bytes> commitments, int vocabularyVersion, List<String> purposes, Licence licence,
        List<String> scope, int shareBasisPoints, long notBeforeMillis, long notAfterMillis) implements LedgerPayload {
    public static final int VERSION = 1;
    public static final int MAX_COMMITMENTS = 32;
    public static final int MAX_PURPOSES = 16;
    public static final int MAX_PURPOSE = 32;
    public static final int MAX_SCOPE_ITEMS = 32;
    public static final int MAX_SCOPE_ITEM = 256;

    public Grant {
        Limits.count("commitments", commitments, MAX_COMMITMENTS);
        if (commitments.isEmpty()) {
            throw new FieldLimitException("a grant names at least one identifier commitment");
        }
        commitments.forEach(c -> Limits.exactBytes("commitment", c, FieldSizes.HASH));
        distinct("commitments", commitments);
        commitments = List.copyOf(commitments);
        Limits.range("vocabularyVersion", vocabularyVersion, 1, 255);
        Limits.count("purposes", purposes, MAX_PURPOSES);
        if (purposes.isEmpty()) {
            throw new FieldLimitException("a grant names at least one purpose");
        }
        purposes.forEach(p -> Limits.nonEmptyText("purpose", p, MAX_PURPOSE));
        distinct("purposes", purposes);
        purposes = List.copyOf(purposes);
        if (licence == null) {
            throw new FieldLimitException("licence is required");
        }
        Limits.count("scope", scope, MAX_SCOPE_ITEMS);
        scope.forEach(s -> Limits.nonEmptyText("scope item", s, MAX_SCOPE_ITEM));
        distinct("scope", scope);
        scope = List.copyOf(scope);
        Limits.range("shareBasisPoints", shareBasisPoints, 0, 10_000);
        Limits.nonNegative("notBeforeMillis", notBeforeMillis);
        if (notAfterMillis <= notBeforeMillis) {
            throw new FieldLimitException("notAfter must be later than notBefore");
        }
    }

    private static void distinct(String field, List<?> items) {
        if (new HashSet<>(items).size() != items.size()) {
            throw new FieldLimitException(field + " must not repeat an item");
        }
    }

    @Override
    public EntryType entryType() {
        return EntryType.GRANT;
    }

    @Override
    public Bytes encode() {
        CanonicalWriter w = new CanonicalWriter(512).u8(VERSION)
                .list(commitments, CanonicalWriter::fixed)
                .u8(vocabularyVersion)
                .list(purposes, CanonicalWriter::string);
        licence.write(w);
        return w.list(scope, CanonicalWriter::string)
                .u16(shareBasisPoints)
                .i64(notBeforeMillis)
                .i64(notAfterMillis)
                .toBytes();
    }

    public static Grant decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, LedgerEntry.MAX_PAYLOAD, "grant", r -> {
            RecordDecoding.expectVersion(r, "grant", VERSION);
            return new Grant(
                    r.list("commitments", MAX_COMMITMENTS, (in, f) -> in.fixed(f, FieldSizes.HASH)),
                    r.u8("vocabularyVersion"),
                    r.list("purposes", MAX_PURPOSES, (in, f) -> in.string(f, MAX_PURPOSE)),
                    Licence.read(r),
                    r.list("scope", MAX_SCOPE_ITEMS, (in, f) -> in.string(f, MAX_SCOPE_ITEM)),
                    r.u16("shareBasisPoints"),
                    r.nonNegativeI64("notBeforeMillis"),
                    r.nonNegativeI64("notAfterMillis"));
        });
    }
}
