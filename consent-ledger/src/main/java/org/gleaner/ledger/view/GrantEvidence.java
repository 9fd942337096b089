package org.gleaner.ledger.view;

import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.ledger.Grant;

/**
 * One grant behind a consent answer, with the proof of the grant entry and, when it was revoked within the
 * checkpoint, the proof of the revocation ({@code null} otherwise).
 */
public record GrantEvidence(Bytes grantId, Grant grant, EntryEvidence grantEntry, EntryEvidence revocationEntry) {
    public boolean revoked() {
        return revocationEntry != null;
    }
}
