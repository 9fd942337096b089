package org.gleaner.ledger.view;

import java.util.List;
import org.gleaner.protocol.codec.Bytes;

/**
 * The answer to "is this identifier licensed for this purpose, as of this checkpoint?": {@code licensing}
 * holds the standing grants that license it (empty means not licensed); {@code revoked} holds grants for
 * the purpose that were revoked within the checkpoint, so a builder can show why data was dropped.
 */
public record ConsentDecision(Bytes commitment, String purpose, VerifiedCheckpoint asOf, List<GrantEvidence> licensing,
        List<GrantEvidence> revoked) {
    public ConsentDecision {
        licensing = List.copyOf(licensing);
        revoked = List.copyOf(revoked);
    }

    public boolean licensed() {
        return !licensing.isEmpty();
    }

    public List<Bytes> grantIds() {
        return licensing.stream().map(GrantEvidence::grantId).toList();
    }
}
