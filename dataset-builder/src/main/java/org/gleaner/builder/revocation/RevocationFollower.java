package org.gleaner.builder.revocation;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Objects;
import org.gleaner.builder.consent.ledger.ConsentSnapshot;
import org.gleaner.builder.consent.ledger.LedgerConsentSource;
import org.gleaner.builder.consent.ledger.LedgerConsentSource.ConsentSourceException;
import org.gleaner.builder.pii.CommitmentMapper;
import org.gleaner.builder.pii.ConsentContext;

/**
 * Follows the consent ledger for revocations: each {@link #checkOnce} takes the ledger's latest checkpoint
 * through the builder's consent view and, when it is newer than the last one handled, gives every grant revoked
 * as of it to each dataset's {@link RevocationProcessor}, unless neither the revoked set nor the live versions
 * changed since the last pass (then nothing is scanned). A version published since the last pass (e.g. by a build
 * that started before a revocation) is therefore checked at the next pass even when the ledger has not moved.
 * Not thread-safe: one caller at a time (the service holds its publish lock). Revocations are terminal and compaction removes the rows
 * that carried them, so after a restart the whole revoked set is simply handed over again: grants already
 * handled match no live row and cost one scan, not a delta.
 */
public final class RevocationFollower {
    private final LedgerConsentSource source;
    private final List<RevocationProcessor> processors;
    private final Duration catchUpTimeout;
    private final CommitmentMapper commitments;
    private long handledSize = -1;
    private Set<String> handledRevoked = Set.of();
    private Map<RevocationProcessor, List<String>> handledLive = Map.of();
    private long passes;

    /** Deletes every affected row (no commitment service, so no row can be re-redacted). */
    public RevocationFollower(LedgerConsentSource source, List<RevocationProcessor> processors, Duration catchUpTimeout) {
        this(source, processors, catchUpTimeout, null);
    }

    /**
     * @param commitments the ledger's commitment service: with it, rows of versions built under the redact policy
     *                    are re-redacted as of the revocation's checkpoint; null deletes every affected row
     */
    public RevocationFollower(LedgerConsentSource source, List<RevocationProcessor> processors, Duration catchUpTimeout,
            CommitmentMapper commitments) {
        this.source = Objects.requireNonNull(source, "source");
        this.processors = List.copyOf(processors);
        this.catchUpTimeout = Objects.requireNonNull(catchUpTimeout, "catchUpTimeout");
        this.commitments = commitments;
    }

    /** What one check published (empty when the ledger has not moved or nothing was affected). */
    public List<RevocationOutcome> checkOnce() throws ConsentSourceException, IOException {
        ConsentSnapshot now = source.snapshot(catchUpTimeout);
        Map<RevocationProcessor, List<String>> live = liveVersions();
        if (now.treeSize() == handledSize && live.equals(handledLive)) {
            return List.of();
        }
        List<String> revoked = source.revokedBefore(now.verified());
        if (handledRevoked.containsAll(revoked) && live.equals(handledLive)) {
            // The ledger grew, but no new revocation and no new version: nothing to scan.
            handledSize = now.treeSize();
            return List.of();
        }
        passes++;
        List<RevocationOutcome> published = new ArrayList<>();
        for (RevocationProcessor p : processors) {
            RevocationOutcome outcome = p.process(revoked, now.manifestCheckpoint(), commitments == null ? null
                    : new ConsentContext(now.lookup(), commitments, now.lookupCheckpoint()));
            if (outcome.published()) {
                published.add(outcome);
            }
        }
        handledSize = now.treeSize();
        handledRevoked = new HashSet<>(revoked);
        handledLive = liveVersions();
        return published;
    }

    /** How many revoked grants the last pass handed over (revocations are terminal, so this only grows). */
    public int revokedHandled() {
        return handledRevoked.size();
    }

    /** How many times the processors were run (a check that finds nothing new to do skips them). */
    public long passes() {
        return passes;
    }

    private Map<RevocationProcessor, List<String>> liveVersions() throws IOException {
        Map<RevocationProcessor, List<String>> live = new HashMap<>();
        for (RevocationProcessor p : processors) {
            live.put(p, p.liveVersions());
        }
        return live;
    }

    /** The ledger size of the last checkpoint handled, -1 before the first. */
    public long handledSize() {
        return handledSize;
    }
}
