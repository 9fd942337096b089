package org.gleaner.devnet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.gleaner.builder.revocation.RevocationOutcome;
import org.gleaner.builder.revocation.RevocationProcessor;
import org.gleaner.devnet.ledger.BuilderConsent;
import org.gleaner.ledger.view.GrantEvidence;
import org.gleaner.protocol.note.NoteSigner;

/**
 * After a subject revokes: the builder's consent view names the grants the ledger revoked between the first
 * version's checkpoint and a later one (with inclusion proofs), and the builder's revocation processor
 * publishes the signed deletion delta and a compacted version. It gets the consent context as of the later
 * checkpoint, so a version built under the redact policy (its manifest says so) keeps the affected rows with the
 * revoked subject's identifiers re-redacted (decision 0048) instead of deleting them.
 */
final class RevocationStage {
    private final StoryLog progress;

    RevocationStage(StoryLog progress) {
        this.progress = progress;
    }

    record Result(List<String> revokedGrantIds, long fromCheckpoint, long toCheckpoint, Path deltaFile,
            List<RevocationOutcome.Compaction> compactions) {

        boolean deltaPublished() {
            return deltaFile != null;
        }

        long rowsRemoved() {
            return compactions.stream().mapToLong(RevocationOutcome.Compaction::rowsRemoved).sum();
        }

        long rowsRedacted() {
            return compactions.stream().mapToLong(RevocationOutcome.Compaction::rowsRedacted).sum();
        }
    }

    Result afterRevocation(BuilderConsent consent, BuilderConsent.AsOf published, BuilderConsent.AsOf now,
            Path datasetDir, NoteSigner signer) throws IOException {
        List<GrantEvidence> revoked = consent.revokedBetween(published, now);
        List<String> ids = revoked.stream().map(g -> g.grantId().hex()).toList();
        for (GrantEvidence g : revoked) {
            progress.say("grant " + g.grantId().hex().substring(0, 12) + "… revoked at ledger entry "
                    + g.revocationEntry().index() + " (proved against checkpoint " + now.named().treeSize() + ")");
        }
        RevocationOutcome outcome = new RevocationProcessor(datasetDir, signer)
                .process(ids, now.manifestCheckpoint(), now.context());
        for (RevocationOutcome.Compaction c : outcome.compactions()) {
            progress.say("compacted v" + c.version() + " into v" + c.compactedVersion() + ": " + c.rowsRedacted()
                    + " rows kept with the revoked subject's identifiers re-redacted (e.g. <EMAIL_ADDRESS>), "
                    + c.rowsRemoved() + " rows removed, " + c.filesRewritten() + " files rewritten, " + c.filesCarried()
                    + " carried over");
        }
        if (outcome.published()) {
            progress.say("deletion delta signed (" + outcome.delta().format() + ", " + outcome.delta().redactedRows()
                    + " rows re-redacted, " + outcome.delta().removedRows() + " removed): " + outcome.deltaFile()
                    + " (verify: ./gleaner datasets verify "
                    + outcome.deltaFile() + " --key " + signer.verifier().encode() + ")");
        } else {
            progress.say("no published row carried a revoked grant: no delta needed");
        }
        return new Result(ids, published.named().treeSize(), now.named().treeSize(), outcome.deltaFile(), outcome.compactions());
    }
}
