package org.gleaner.ledger.state;

import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.gleaner.protocol.ledger.LedgerPayload;

/**
 * An entry whose signature and payload have been checked. {@code leafData} is the signed entry's encoding,
 * exactly what the log stores and hashes; {@code leafHash} is its RFC 9162 leaf hash, which is also the id
 * a grant is known by.
 */
public record ValidatedEntry(Signed<LedgerEntry> signed, LedgerPayload payload, byte[] leafData, Bytes leafHash) {
    public Bytes author() {
        return signed.record().authorKey();
    }
}
