package org.gleaner.ledger.state;

import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.ledger.Grant;

/**
 * A grant as the log knows it: who made it, at which log index, and the index of its revocation
 * ({@code -1} while it stands).
 */
public record GrantStatus(Bytes grantId, Bytes subjectId, Grant grant, long index, long revokedAtIndex, Bytes revocationLeafHash) {
    public boolean revokedBefore(long treeSize) {
        return revokedAtIndex >= 0 && revokedAtIndex < treeSize;
    }

    GrantStatus revoke(long index, Bytes revocationLeafHash) {
        return new GrantStatus(grantId, subjectId, grant, this.index, index, revocationLeafHash);
    }
}
