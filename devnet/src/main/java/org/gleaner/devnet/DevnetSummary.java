package org.gleaner.devnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gleaner.builder.manifest.LedgerCheckpoint;

/** What a devnet run produced, every figure taken from the running components and the files they wrote. */
public record DevnetSummary(
        int demoHosts,
        int sitePages,
        long pagesFetched,
        long bytesFetched,
        long creditedPages,
        List<NodeLine> nodes,
        Subjects subjects,
        Rewards rewards,
        Dataset dataset,
        Revocation revocation,
        LedgerCheck ledger,
        Duration wallTime) {

    /** One node: its fetches, credits, refusals by reason code, and its verified statement. */
    public record NodeLine(String name, String nodeId, boolean misbehaving, long pagesFetched, long wireBytes,
            long creditedPages, long creditedBytes, long spotChecksPassed, long spotChecksFailed, long agreements, long disagreements, boolean distrusted,
            Map<String, Long> refusals, Map<String, Long> errors,
            Path statementFile, long cumulativeReward) {
    }

    public record Subjects(long registered, long emailsBound, long granted, long revoked) {
    }

    public record Rewards(long epoch, int statementsVerified, long ledgerEntryIndex) {
    }

    public record Dataset(String version, long rows, Map<String, Long> skippedByReason, long excludedPages, Path versionDir,
            LedgerCheckpoint checkpoint, long emailsKept, long emailsRedacted, long phonesKept, long phonesRedacted) {
    }

    /** The revoked grants, and the builder's answer: the signed deletion delta and the compacted version (null if none). */
    public record Revocation(List<String> revokedGrantIds, long fromCheckpoint, long toCheckpoint, Path deltaFile,
            Path compactedVersionDir, long rowsRemoved, long rowsRedacted) {
    }

    public record LedgerCheck(long savedCheckpoint, long finalCheckpoint, boolean consistent) {
    }

    /**
     * The figures add up: something was credited, never more than was fetched, the dataset has rows, the
     * ledger stayed consistent, statements verified, a misbehaving node (if any) was penalised, and a revocation
     * led to a deletion delta.
     */
    public boolean consistent() {
        boolean cheatCaught = nodes.stream().filter(NodeLine::misbehaving).allMatch(n -> !n.refusals().isEmpty());
        boolean revocationApplied = revocation.revokedGrantIds().isEmpty() || revocation.deltaFile() != null;
        return creditedPages > 0 && creditedPages <= pagesFetched && dataset.rows() > 0 && ledger.consistent()
                && rewards.statementsVerified() > 0 && cheatCaught && revocationApplied;
    }
}
