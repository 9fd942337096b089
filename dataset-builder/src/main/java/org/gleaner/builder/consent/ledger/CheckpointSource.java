package org.gleaner.builder.consent.ledger;

import java.io.IOException;

/**
 * Where the builder gets the ledger's latest signed checkpoint note (C2SP tlog-checkpoint). The note is checked
 * against the builder's own consent view before use, so the source need not be trusted: the ledger's
 * {@code GET /v1/checkpoint} ({@link HttpLedgerClient}) or, in one process, the ledger log itself.
 */
@FunctionalInterface
public interface CheckpointSource {
    byte[] latestCheckpoint() throws IOException;
}
