package org.gleaner.devnet.ledger;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.gleaner.builder.consent.ConsentLookup;
import org.gleaner.builder.consent.ledger.LedgerConsentLookup;
import org.gleaner.builder.manifest.LedgerCheckpoint;
import org.gleaner.builder.pii.ConsentContext;
import org.gleaner.ledger.state.LedgerPolicy;
import org.gleaner.ledger.view.CheckpointMismatchException;
import org.gleaner.ledger.view.ConsentView;
import org.gleaner.ledger.view.GrantEvidence;
import org.gleaner.ledger.view.KafkaLedgerFollower;
import org.gleaner.ledger.view.LedgerFeedException;
import org.gleaner.ledger.view.VerifiedCheckpoint;
import org.gleaner.protocol.codec.Bytes;

/**
 * The builder's side of the ledger: a consent view that follows the ledger topic (re-verifying every entry),
 * the lookup over it, and the ledger's commitment service. A build names one signed checkpoint; the view must
 * have reached it and its root must match the view's own entries.
 */
public final class BuilderConsent implements AutoCloseable {
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final DevnetLedger ledger;
    private final ConsentView view;
    private final KafkaLedgerFollower follower;
    private final LedgerConsentLookup lookup;
    private final HttpCommitmentMapper commitments;

    public BuilderConsent(DevnetLedger ledger, String origin, Bytes identityVerifierKey, Bytes coordinatorKey,
            String bootstrapServers, String ledgerTopic) {
        this.ledger = ledger;
        this.view = new ConsentView(new LedgerPolicy(origin, Set.of(identityVerifierKey), Set.of(coordinatorKey),
                Duration.ofMinutes(5)), ledger.checkpointKey());
        this.follower = new KafkaLedgerFollower(view, bootstrapServers, ledgerTopic, java.util.Map.of());
        this.lookup = new LedgerConsentLookup(view);
        this.commitments = HttpCommitmentMapper.of(ledger);
    }

    /** A checkpoint the view has verified, with what the builder and the manifest need of it. */
    public record AsOf(VerifiedCheckpoint verified, ConsentLookup.Checkpoint named, ConsentContext context,
            LedgerCheckpoint manifestCheckpoint) {
    }

    /** Follows the topic up to the checkpoint in {@code note}, verifies it, and makes it answerable as of {@code atMillis}. */
    public AsOf asOf(byte[] note, long atMillis) throws LedgerFeedException, CheckpointMismatchException {
        long size = ledger.sizeOf(note);
        if (!follower.catchUpTo(size, CATCH_UP)) {
            throw new IllegalStateException("the consent view did not reach ledger entry " + size + " within "
                    + CATCH_UP.toSeconds() + " s");
        }
        VerifiedCheckpoint verified = view.verify(note);
        ConsentLookup.Checkpoint named = lookup.addCheckpoint(note, atMillis);
        return new AsOf(verified, named, new ConsentContext(lookup, commitments, named),
                new LedgerCheckpoint(verified.checkpoint().origin(), named.treeSize(), named.rootHashHex()));
    }

    /** Grants revoked between two verified checkpoints, with inclusion proofs against the later one. */
    public List<GrantEvidence> revokedBetween(AsOf from, AsOf to) {
        return view.revokedBetween(from.verified(), to.verified());
    }

    @Override
    public void close() {
        follower.close();
    }
}
