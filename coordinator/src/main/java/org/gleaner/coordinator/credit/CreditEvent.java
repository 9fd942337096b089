package org.gleaner.coordinator.credit;

import java.util.List;
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
 *
 * <p>Spot-check outcomes name their {@code witnesses}: the nodes that fetched the URL and sided with the verdict
 * (for a failure, the majority against {@code nodeId}), so an operator sees why a node was penalised.
 */
public record CreditEvent(Kind kind, String nodeId, String leaseId, String url, long bytes, Optional<ReasonCode> reason,
        Bytes contentHash, Bytes textSketch, List<String> witnesses) {
    public static final String UNVERIFIED = "unverified";
    public static final int VERSION = 3;
    public static final int MAX_SKETCH = 256;
    public static final int MAX_WITNESSES = 4;
    public static final int MAX_ENCODED = FieldSizes.URL + 512 + MAX_SKETCH + MAX_WITNESSES * (FieldSizes.ID + 4) + 4;

    public enum Kind {
        CREDITED,
        CREDITED_FOR_SPOT_CHECK,
        REFUSED,
        SPOT_CHECK_AGREED,
        SPOT_CHECK_FAILED,
        /** A checker disagreed with the original fetch; filed under the checker, no penalty, a third node arbitrates. */
        SPOT_CHECK_DISPUTED,
        /** A check or arbitration that could not be decided; filed under the original node, no penalty. */
        SPOT_CHECK_UNJUDGED,
        /**
         * One of two arbiters answered; filed under that arbiter with its hash and sketch (so a restart can still judge),
         * no penalty. The verdict follows when the other arbiter answers.
         */
        SPOT_CHECK_ARBITRATED
    }

    public CreditEvent(Kind kind, String nodeId, String leaseId, String url, long bytes, Optional<ReasonCode> reason,
            Bytes contentHash, Bytes textSketch) {
        this(kind, nodeId, leaseId, url, bytes, reason, contentHash, textSketch, List.of());
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
        if (reason.isPresent() != (kind == Kind.REFUSED || kind == Kind.SPOT_CHECK_FAILED || kind == Kind.SPOT_CHECK_UNJUDGED)) {
            throw new IllegalArgumentException("a reason is given exactly for refusals, failed and unjudged spot checks");
        }
        witnesses = witnesses == null ? List.of() : List.copyOf(witnesses);
        if (witnesses.size() > MAX_WITNESSES || witnesses.stream().anyMatch(w -> w.isEmpty() || w.length() > FieldSizes.ID)) {
            throw new IllegalArgumentException("at most " + MAX_WITNESSES + " witnesses of 1-64 characters");
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

    /** A check agreed with the page {@code nodeId} delivered under {@code leaseId}; {@code witnesses} fetched the same. */
    public static CreditEvent spotCheckAgreed(String nodeId, String leaseId, String url, List<String> witnesses) {
        return new CreditEvent(Kind.SPOT_CHECK_AGREED, nodeId, leaseId, url, 0, Optional.empty(), Bytes.EMPTY, Bytes.EMPTY, witnesses);
    }

    /**
     * The majority ({@code witnesses}) disagreed with the page {@code nodeId} delivered under {@code leaseId}: a G110
     * penalty, and the {@code creditedBytes} credited for that page are taken back.
     */
    public static CreditEvent spotCheckFailed(String nodeId, String leaseId, String url, long creditedBytes, List<String> witnesses) {
        return new CreditEvent(Kind.SPOT_CHECK_FAILED, nodeId, leaseId, url, creditedBytes, Optional.of(ReasonCode.SPOT_CHECK_FAILED),
                Bytes.EMPTY, Bytes.EMPTY, witnesses);
    }

    /** The checker {@code nodeId} disagreed with {@code originalNodeId}; its fetch is kept for the arbiter's comparison. */
    public static CreditEvent spotCheckDisputed(String checkerNodeId, String checkerLeaseId, String url, long creditedBytes,
            Bytes contentHash, Bytes textSketch, String originalNodeId) {
        return new CreditEvent(Kind.SPOT_CHECK_DISPUTED, checkerNodeId, checkerLeaseId, url, creditedBytes, Optional.empty(),
                contentHash, textSketch, List.of(originalNodeId));
    }

    /** Arbiter {@code nodeId} fetched the disputed URL; the verdict waits for the second arbiter. */
    public static CreditEvent spotCheckArbitrated(String arbiterNodeId, String arbiterLeaseId, String url, long creditedBytes,
            Bytes contentHash, Bytes textSketch, String originalNodeId, String checkerNodeId) {
        return new CreditEvent(Kind.SPOT_CHECK_ARBITRATED, arbiterNodeId, arbiterLeaseId, url, creditedBytes, Optional.empty(),
                contentHash, textSketch, List.of(originalNodeId, checkerNodeId));
    }

    /** The check of the page {@code nodeId} delivered could not be decided, for {@code reason}; {@code witnesses} took part. */
    public static CreditEvent spotCheckUnjudged(String nodeId, String leaseId, String url, ReasonCode reason, List<String> witnesses) {
        return new CreditEvent(Kind.SPOT_CHECK_UNJUDGED, nodeId, leaseId, url, 0, Optional.of(reason), Bytes.EMPTY, Bytes.EMPTY,
                witnesses);
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
                .list(witnesses, CanonicalWriter::string)
                .toByteArray();
    }

    public static CreditEvent decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, MAX_ENCODED, "creditEvent", CreditEvent::read);
    }

    private static CreditEvent read(CanonicalReader r) throws MalformedRecordException {
        int version = r.u8("version");
        if (version != 2 && version != VERSION) {
            throw new MalformedRecordException("creditEvent.version: unsupported " + version);
        }
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
        // Version 2 events (written before arbitration) name no witnesses.
        List<String> witnesses = version == 2 ? List.of() : r.list("witnesses", MAX_WITNESSES, (w, field) -> w.string(field, FieldSizes.ID));
        try {
            return new CreditEvent(Kind.values()[kind], nodeId, leaseId, url, bytes, reason, hash, sketch, witnesses);
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException("creditEvent: " + e.getMessage());
        }
    }
}
