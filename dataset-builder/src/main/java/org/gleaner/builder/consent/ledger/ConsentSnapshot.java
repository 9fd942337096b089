package org.gleaner.builder.consent.ledger;

import java.util.Objects;
import org.gleaner.builder.consent.ConsentLookup;
import org.gleaner.builder.manifest.LedgerCheckpoint;
import org.gleaner.builder.manifest.ManifestSettings;
import org.gleaner.builder.pii.CommitmentMapper;
import org.gleaner.builder.pii.ConsentContext;
import org.gleaner.builder.pii.PrivacySettings;
import org.gleaner.ledger.view.VerifiedCheckpoint;

/**
 * One verified ledger checkpoint a build or a revocation is made as of: how the consent lookup names it, how
 * the manifest names it (origin, size, root) and the verified note itself.
 */
public record ConsentSnapshot(ConsentLookup lookup, ConsentLookup.Checkpoint lookupCheckpoint,
        LedgerCheckpoint manifestCheckpoint, VerifiedCheckpoint verified, long atMillis) {

    /** What the card and manifest say the rows' consent rests on. */
    public static final String LEDGER_BASIS = "Every personal identifier found was decided by the consent ledger as of "
            + "the checkpoint named here: identifiers whose subject holds a standing grant for this dataset's purpose are "
            + "kept and the grant ids are on the row (consent_grant_ids); all others were handled by filters.privacy.policy. "
            + "Revocations after this checkpoint are published as signed deletion deltas and compacted versions.";

    public ConsentSnapshot {
        Objects.requireNonNull(lookup, "lookup");
        Objects.requireNonNull(lookupCheckpoint, "lookupCheckpoint");
        Objects.requireNonNull(manifestCheckpoint, "manifestCheckpoint");
        Objects.requireNonNull(verified, "verified");
    }

    public long treeSize() {
        return manifestCheckpoint.treeSize();
    }

    /** The build's privacy settings, deciding identifiers as of this checkpoint. */
    public PrivacySettings privacy(PrivacySettings settings, CommitmentMapper commitments) {
        return settings.withConsent(new ConsentContext(lookup, commitments, lookupCheckpoint));
    }

    /** The manifest settings naming this checkpoint. */
    public ManifestSettings manifest(ManifestSettings settings) {
        return settings.withCheckpoint(manifestCheckpoint, LEDGER_BASIS);
    }
}
