package org.gleaner.ledger.audit;

import java.util.List;

/** What an auditor reads from a ledger: the latest signed checkpoint, consistency proofs, and stored entries. */
public interface LedgerSource {
    byte[] latestCheckpoint();

    List<byte[]> consistencyProof(long from, long to);

    byte[] entry(long index);
}
