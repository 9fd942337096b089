package org.gleaner.coordinator.credit;

import java.util.Optional;
import org.gleaner.protocol.codec.CanonicalReader;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;

/**
 * One decision on one delivered page, as written to the credits topic: credited (with the body's bytes) or
 * refused with a reason code. The credit book is exactly the fold of these events, so replaying the topic
 * rebuilds it. {@code nodeId} is the hex node key only when the receipt's signature verified; otherwise it is
 * {@link #UNVERIFIED}, so nobody can file refusals under another node's key.
 */
public record CreditEvent(String nodeId, String leaseId, String url, long bytes, Optional<ReasonCode> reason) {
    public static final String UNVERIFIED = "unverified";
    public static final int VERSION = 1;
    public static final int MAX_ENCODED = FieldSizes.URL + 512;

    public CreditEvent {
        if (nodeId == null || nodeId.isEmpty() || nodeId.length() > FieldSizes.ID) {
            throw new IllegalArgumentException("nodeId must be 1-64 characters");
        }
        leaseId = leaseId == null ? "" : leaseId;
        url = url == null ? "" : url;
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative");
        }
    }

    public static CreditEvent credited(String nodeId, String leaseId, String url, long bytes) {
        return new CreditEvent(nodeId, leaseId, url, bytes, Optional.empty());
    }

    public static CreditEvent refused(String nodeId, String leaseId, String url, ReasonCode reason) {
        return new CreditEvent(nodeId, leaseId, url, 0, Optional.of(reason));
    }

    public boolean credited() {
        return reason.isEmpty();
    }

    public ContributionVerdict verdict() {
        return reason.map(ContributionVerdict::refused).orElse(ContributionVerdict.CREDITED);
    }

    public byte[] encode() {
        return new CanonicalWriter(url.length() + 160).u8(VERSION)
                .string(nodeId).string(leaseId).string(url).i64(bytes)
                .string(reason.map(ReasonCode::code).orElse(""))
                .toByteArray();
    }

    public static CreditEvent decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, MAX_ENCODED, "creditEvent", CreditEvent::read);
    }

    private static CreditEvent read(CanonicalReader r) throws MalformedRecordException {
        RecordDecoding.expectVersion(r, "creditEvent", VERSION);
        String nodeId = r.string("nodeId", FieldSizes.ID);
        String leaseId = r.string("leaseId", FieldSizes.ID);
        String url = r.string("url", FieldSizes.URL);
        long bytes = r.nonNegativeI64("bytes");
        String code = r.string("reason", 8);
        Optional<ReasonCode> reason = code.isEmpty() ? Optional.empty() : Optional.of(ReasonCode.fromCode(code));
        return new CreditEvent(nodeId, leaseId, url, bytes, reason);
    }
}
