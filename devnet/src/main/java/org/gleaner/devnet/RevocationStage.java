package org.gleaner.devnet;

import java.util.List;
import org.gleaner.devnet.ledger.BuilderConsent;
import org.gleaner.ledger.view.GrantEvidence;

/**
 * After a subject revokes: which grants the ledger revoked between the first version's checkpoint and a
 * later one (from the builder's own consent view, with inclusion proofs), and what the builder does about it.
 *
 * <p>The one place the builder's revocation processing plugs in: it should publish a deletion delta (the rows
 * of the first version that carried a revoked grant) and a compacted version without them. The builder has
 * no such API yet (it is being built on the builder-revocation branch), so for now this stage reports the
 * revoked grants and says plainly that the delta and the compacted version are still to come.
 */
final class RevocationStage {
    private final StoryLog progress;

    RevocationStage(StoryLog progress) {
        this.progress = progress;
    }

    record Result(List<String> revokedGrantIds, long fromCheckpoint, long toCheckpoint, boolean deltaPublished) {
    }

    Result afterRevocation(BuilderConsent consent, BuilderConsent.AsOf published, BuilderConsent.AsOf now) {
        List<GrantEvidence> revoked = consent.revokedBetween(published, now);
        List<String> ids = revoked.stream().map(g -> g.grantId().hex()).toList();
        for (GrantEvidence g : revoked) {
            progress.say("grant " + g.grantId().hex().substring(0, 12) + "… revoked at ledger entry "
                    + g.revocationEntry().index() + " (proved against checkpoint " + now.named().treeSize() + ")");
        }
        progress.say("deletion delta and compacted version: NOT YET (the builder has no revocation "
                + "processing yet; see docs/decisions/0060-devnet-story.md)");
        return new Result(ids, published.named().treeSize(), now.named().treeSize(), false);
    }
}
