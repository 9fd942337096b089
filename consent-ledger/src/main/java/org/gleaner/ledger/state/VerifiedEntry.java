package org.gleaner.ledger.state;

import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.gleaner.protocol.ledger.LedgerPayload;

/** An entry whose envelope signature verified and whose payload decoded; not yet checked against the ledger's state. */
public record VerifiedEntry(Signed<LedgerEntry> signed, LedgerPayload payload, byte[] leafData, Bytes leafHash) {
}
