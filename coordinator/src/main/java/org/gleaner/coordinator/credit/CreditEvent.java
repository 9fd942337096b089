package org.gleaner.coordinator.credit;

import java.util.Optional;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalReader;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;

/**
 * One decision, as written to the credits topic: a page credited (possibly chosen for a spot check, in which
 * case its content hash and a MinHash sketch of its text are kept for the comparison), a page refused with a reason code,
 * or the outcome of a spot check against the node that first delivered the URL. The credit book is exactly
 * the fold of these events, so replaying the topic rebuilds it. {@code nodeId} is the hex node key only when
 * that node's signature verified; otherwise it is {@link #UNVERIFIED}, so nobody can file refusals under
 * another node's key.
 */
public record CreditEvent(Kind kind, String nodeId, String leaseId, String url, long bytes, Optional<ReasonCode> reason,
        Bytes contentHash, Bytes textSketch) {
    public static final String UNVERIFIED = "unverified";
    public static final int VERSION = 2;
    public static final int MAX_SKETCH = 256;
    public static final int MAX_ENCODED = FieldSizes.URL + 512 + MAX_SKETCH;

    public enum Kind {
        CREDITED,
        CREDITED_FOR_SPOT_CHECK,
        REFUSED,
        SPOT_CHECK_AGREED,
        SPOT_CHECK_FAILED
    }

    public CreditEvent {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (nodeId == null || nodeId.isEmpty() || nodeId.length() > FieldSizes.ID) {
            throw new IllegalArgumentException("nodeId must be 1-64 characters");
        }
        leaseId = leaseId == null ? "" : leaseId;
        url = url == null ? "" : url;
        contentHash = contentHash == null ? Bytes.EMPTY : contentHash;
        textSketch = textSketch == null ? Bytes.EMPTY : textSketch;
        if (textSketch.length() > MAX_SKETCH) {
            throw new IllegalArgumentException("textSketch over " + MAX_SKETCH + " bytes");
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative");
        }
        if (reason.isPresent() != (kind == Kind.REFUSED || kind == Kind.SPOT_CHECK_FAILED)) {
            throw new IllegalArgumentException("a reason is given exactly for refusals and failed spot checks");
        }
        if (contentHash.length() != 0 && contentHash.length() != FieldSizes.HASH) {
            throw new IllegalArgumentException("contentHash must be empty or 32 bytes");
        }
    }

    public static CreditEvent credited(String nodeId, String leaseId, String url, long bytes) {
        return new CreditEvent(Kind.CREDITED, nodeId, leaseId, url, bytes, Optional.empty(), Bytes.EMPTY, Bytes.EMPTY);
    }

    public static CreditEvent creditedForSpotCheck(String nodeId, String leaseId, String url, long bytes, Bytes contentHash,
            Bytes textSketch) {
        return new CreditEvent(Kind.CREDITED_FOR_SPOT_CHECK, nodeId, leaseId, url, bytes, Optional.empty(), contentHash, textSketch);
    }

    public static CreditEvent refused(String nodeId, String leaseId, String url, ReasonCode reason) {
        return new CreditEvent(Kind.REFUSED, nodeId, leaseId, url, 0, Optional.of(reason), Bytes.EMPTY, Bytes.EMPTY);
    }

    /** The outcome of re-fetching {@code url} for the node that first delivered it under {@code leaseId}. */
    public static CreditEvent spotCheck(boolean agreed, String originalNodeId, String originalLeaseId, String url) {
        return agreed
                ? new CreditEvent(Kind.SPOT_CHECK_AGREED, originalNodeId, originalLeaseId, url, 0, Optional.empty(), Bytes.EMPTY, Bytes.EMPTY)
                : new CreditEvent(Kind.SPOT_CHECK_FAILED, originalNodeId, originalLeaseId, url, 0,
                        Optional.of(ReasonCode.SPOT_CHECK_FAILED), Bytes.EMPTY, Bytes.EMPTY);
    }

    public boolean credited() {
        return kind == Kind.CREDITED || kind == Kind.CREDITED_FOR_SPOT_CHECK;
    }

    public ContributionVerdict verdict() {
        return credited() ? ContributionVerdict.CREDITED : ContributionVerdict.refused(reason.orElseThrow());
    }

    public byte[] encode() {
        return new CanonicalWriter(url.length() + 200).u8(VERSION).u8(kind.ordinal())
                .string(nodeId).string(leaseId).string(url).i64(bytes)
                .string(reason.map(ReasonCode::code).orElse(""))
                .bytes(contentHash).bytes(textSketch)
                .toByteArray();
    }

    public static CreditEvent decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, MAX_ENCODED, "creditEvent", CreditEvent::read);
    }

    private static CreditEvent read(CanonicalReader r) throws MalformedRecordException {
        RecordDecoding.expectVersion(r, "creditEvent", VERSION);
        int kind = r.u8("kind");
        if (kind >= Kind.values().length) {
            throw new MalformedRecordException("creditEvent.kind: unknown " + kind);
        }
        String nodeId = r.string("nodeId", FieldSizes.ID);
        String leaseId = r.string("leaseId", FieldSizes.ID);
        String url = r.string("url", FieldSizes.URL);
        long bytes = r.nonNegativeI64("bytes");
        String code = r.string("reason", 8);
        Optional<ReasonCode> reason = code.isEmpty() ? Optional.empty() : Optional.of(ReasonCode.fromCode(code));
        Bytes hash = r.bytes("contentHash", FieldSizes.HASH);
        Bytes sketch = r.bytes("textSketch", MAX_SKETCH);
        return new CreditEvent(Kind.values()[kind], nodeId, leaseId, url, bytes, reason, hash, sketch);
    }
}
