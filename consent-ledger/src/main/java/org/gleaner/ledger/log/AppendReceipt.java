package org.gleaner.ledger.log;

import org.gleaner.protocol.codec.Bytes;

/** An entry is durably in the log at {@code index}; {@code leafHash} is its RFC 9162 leaf hash (a grant's id). */
public record AppendReceipt(long index, Bytes leafHash) {
}
