package org.gleaner.builder.consent.ledger;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gleaner.builder.consent.ConsentLookup;
import org.gleaner.ledger.view.CheckpointMismatchException;
import org.gleaner.ledger.view.ConsentDecision;
import org.gleaner.ledger.view.ConsentView;
import org.gleaner.ledger.view.VerifiedCheckpoint;
import org.gleaner.protocol.codec.Bytes;

/**
 * {@link ConsentLookup} over the consent ledger's {@link ConsentView}. The builder follows the ledger into the
 * view (e.g. with {@code KafkaLedgerFollower}), then registers each signed checkpoint it builds as of with
 * {@link #addCheckpoint}: the view checks the note's signature and that its root is the root of the entries
 * it holds, so a build can only ever name a checkpoint that really is in the ledger's history.
 *
 * <p>A checkpoint note carries no time, so the builder names the checkpoint's time when registering it; the
 * grants' not-before/not-after are judged at that time. One checkpoint has one time, so answers stay a pure
 * function of (commitment, purpose, checkpoint). {@code ConsentLookup} does not name the source, so a
 * grant limited to a scope (e.g. {@code host:blog.example}) never counts here: the answer errs on the side
 * of not licensed. Not thread-safe, like the view: do not feed the view while deciding.
 */
public final class LedgerConsentLookup implements ConsentLookup {
    private static final HexFormat HEX = HexFormat.of();

    private final ConsentView view;
    private final Map<Checkpoint, AsOf> checkpoints = new HashMap<>();

    private record AsOf(VerifiedCheckpoint checkpoint, long atMillis) {
    }

    public LedgerConsentLookup(ConsentView view) {
        this.view = view;
    }

    /**
     * Verifies {@code signedNote} against the view and makes it answerable as of {@code checkpointTimeMillis}.
     *
     * @return the checkpoint as the manifest names it (tree size, root hash)
     * @throws CheckpointMismatchException the note is not signed by the ledger, is for another ledger, is ahead
     *                                     of the view, or its root differs from the view's entries
     * @throws IllegalArgumentException    the checkpoint is already registered with another time
     */
    public Checkpoint addCheckpoint(byte[] signedNote, long checkpointTimeMillis) throws CheckpointMismatchException {
        VerifiedCheckpoint verified = view.verify(signedNote);
        Checkpoint named = new Checkpoint(verified.size(), HEX.formatHex(verified.rootHash()));
        AsOf existing = checkpoints.get(named);
        if (existing != null && existing.atMillis() != checkpointTimeMillis) {
            throw new IllegalArgumentException("checkpoint " + named.treeSize() + " is already registered with time "
                    + existing.atMillis() + "; one checkpoint has one time");
        }
        checkpoints.put(named, new AsOf(verified, checkpointTimeMillis));
        return named;
    }

    /** @throws IllegalArgumentException {@code commitment} is not 64 lower-case hex digits */
    @Override
    public Decision decide(String commitment, String purpose, Checkpoint checkpoint) throws UnknownCheckpointException {
        if (commitment == null || !commitment.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a commitment is 64 lower-case hex digits");
        }
        AsOf asOf = checkpoints.get(checkpoint);
        if (asOf == null) {
            throw new UnknownCheckpointException("checkpoint " + checkpoint.treeSize() + "/" + checkpoint.rootHashHex()
                    + " was not verified against this consent view; add its signed note first");
        }
        ConsentDecision decision = view.licensed(Bytes.fromHex(commitment), purpose, asOf.checkpoint(), asOf.atMillis(), Set.of());
        List<String> grantIds = decision.grantIds().stream().map(Bytes::hex).toList();
        return new Decision(grantIds);
    }
}
