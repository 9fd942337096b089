package org.gleaner.builder.revocation;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gleaner.builder.consent.ledger.ConsentSnapshot;
import org.gleaner.builder.consent.ledger.LedgerConsentSource;
import org.gleaner.builder.consent.ledger.LedgerConsentSource.ConsentSourceException;

/**
 * Follows the consent ledger for revocations: each {@link #checkOnce} takes the ledger's latest checkpoint
 * through the builder's consent view and, when it is newer than the last one handled, gives every grant revoked
 * as of it to each dataset's {@link RevocationProcessor}. Revocations are terminal and compaction removes the
 * rows that carried them, so after a restart the whole revoked set is simply handed over again: grants already
 * handled match no live row and cost a scan, not a delta.
 */
public final class RevocationFollower {
    private final LedgerConsentSource source;
    private final List<RevocationProcessor> processors;
    private final Duration catchUpTimeout;
    private long handledSize = -1;

    public RevocationFollower(LedgerConsentSource source, List<RevocationProcessor> processors, Duration catchUpTimeout) {
        this.source = Objects.requireNonNull(source, "source");
        this.processors = List.copyOf(processors);
        this.catchUpTimeout = Objects.requireNonNull(catchUpTimeout, "catchUpTimeout");
    }

    /** What one check published (empty when the ledger has not moved or nothing was affected). */
    public List<RevocationOutcome> checkOnce() throws ConsentSourceException, IOException {
        ConsentSnapshot now = source.snapshot(catchUpTimeout);
        if (now.treeSize() == handledSize) {
            return List.of();
        }
        List<String> revoked = source.revokedBefore(now.verified());
        List<RevocationOutcome> published = new ArrayList<>();
        for (RevocationProcessor p : processors) {
            RevocationOutcome outcome = p.process(revoked, now.manifestCheckpoint());
            if (outcome.published()) {
                published.add(outcome);
            }
        }
        handledSize = now.treeSize();
        return published;
    }

    /** The ledger size of the last checkpoint handled, -1 before the first. */
    public long handledSize() {
        return handledSize;
    }
}
