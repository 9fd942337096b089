package org.gleaner.coordinator.ingest;

import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.crypto.InvalidKeyException;
import org.gleaner.protocol.crypto.ValidatedKeys;
import org.gleaner.protocol.page.LinkBatch;

/**
 * Checks a record of the links topic before any of its URLs may enter the frontier: it must be a
 * {@code Signed<LinkBatch>} whose signature verifies, for this network's origin, with the node key the batch
 * names (the coordinator then also requires that key to hold the lease). An unsigned batch is refused with
 * {@code G111}, a forged one with {@code G112}, and neither is filed under the node it claims to come from.
 */
public final class SignedLinks {
    private SignedLinks() {
    }

    public sealed interface Verdict {
    }

    public record Accepted(LinkBatch batch) implements Verdict {
    }

    /** {@code nodeId} is always {@link CreditEvent#UNVERIFIED}: nothing proves who sent a refused batch. */
    public record Refused(ReasonCode reason, String nodeId, String detail) implements Verdict {
    }

    public static Verdict check(byte[] value, String origin) {
        Signed<LinkBatch> signed;
        try {
            signed = Signed.decode(value, LinkBatch.MAX_ENCODED, "links", LinkBatch::read);
        } catch (MalformedRecordException e) {
            return unsignedOrMalformed(value, e);
        }
        Ed25519PublicKey key;
        try {
            key = ValidatedKeys.SHARED.get(signed.record().nodeKey());
        } catch (InvalidKeyException e) {
            return new Refused(ReasonCode.LINKS_FORGED, CreditEvent.UNVERIFIED, "the batch names an invalid node key");
        }
        if (!signed.verifies(origin, key)) {
            return new Refused(ReasonCode.LINKS_FORGED, CreditEvent.UNVERIFIED, "the signature does not verify");
        }
        return new Accepted(signed.record());
    }

    private static Verdict unsignedOrMalformed(byte[] value, MalformedRecordException signedError) {
        try {
            LinkBatch.decode(value);
            return new Refused(ReasonCode.LINKS_UNSIGNED, CreditEvent.UNVERIFIED, "a bare link batch without a signature");
        } catch (MalformedRecordException e) {
            return new Refused(ReasonCode.MALFORMED_RECORD, CreditEvent.UNVERIFIED, signedError.getMessage());
        }
    }
}
