package org.gleaner.ledger.view;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gleaner.ledger.state.EntryRejectedException;
import org.gleaner.ledger.state.EntryVerifier;
import org.gleaner.ledger.state.GrantStatus;
import org.gleaner.ledger.state.LedgerPolicy;
import org.gleaner.ledger.state.LedgerState;
import org.gleaner.ledger.state.ValidatedEntry;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.ledger.Grant;
import org.gleaner.protocol.ledger.Purpose;
import org.gleaner.protocol.merkle.MerkleTree;
import org.gleaner.protocol.note.Checkpoint;
import org.gleaner.protocol.note.MalformedCheckpointException;
import org.gleaner.protocol.note.NoteException;
import org.gleaner.protocol.note.NoteVerifier;
import org.gleaner.protocol.note.SignedNote;

/**
 * The consent view that other modules embed: it takes the ledger's entries in order (from the ledger topic
 * or the log), verifies each one exactly as the sequencer did, keeps its own Merkle tree, and answers
 * consent questions as of a signed checkpoint, with the grant ids and inclusion proofs behind each answer.
 * It trusts nothing it is fed: a forged or reordered entry is refused, and a checkpoint is used only if its
 * signature verifies and its root matches the view's own tree. Plain Java, not thread-safe.
 */
public final class ConsentView {
    private final LedgerState state;
    private final NoteVerifier ledgerKey;
    private final MerkleTree tree = new MerkleTree();
    private final Map<Bytes, List<Bytes>> grantsByCommitment = new HashMap<>();

    public ConsentView(LedgerPolicy policy, NoteVerifier ledgerKey) {
        this.state = new LedgerState(policy);
        this.ledgerKey = ledgerKey;
    }

    /** Number of entries the view holds. */
    public long size() {
        return tree.size();
    }

    /** Verifies and adds the next log entry (a stored signed entry's encoding). */
    public void append(byte[] leafData) throws EntryRejectedException {
        ValidatedEntry entry = state.check(EntryVerifier.decodeAndVerify(leafData, state.policy().origin()), -1);
        state.apply(entry);
        tree.appendLeafHash(entry.leafHash().toArray());
        if (entry.payload() instanceof Grant grant) {
            for (Bytes commitment : grant.commitments()) {
                grantsByCommitment.computeIfAbsent(commitment, c -> new ArrayList<>()).add(entry.leafHash());
            }
        }
    }

    /** Opens a signed checkpoint note and checks it against the view's entries. */
    public VerifiedCheckpoint verify(byte[] note) throws CheckpointMismatchException {
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(SignedNote.open(note, ledgerKey).text());
        } catch (NoteException | MalformedCheckpointException e) {
            throw new CheckpointMismatchException("checkpoint does not verify with the ledger key: " + e.getMessage());
        }
        if (!checkpoint.origin().equals(state.policy().origin())) {
            throw new CheckpointMismatchException("checkpoint is for ledger " + checkpoint.origin());
        }
        if (checkpoint.size() > tree.size()) {
            throw new CheckpointMismatchException("checkpoint size " + checkpoint.size() + " is ahead of the view ("
                    + tree.size() + " entries); follow the log further first");
        }
        if (!java.util.Arrays.equals(checkpoint.rootHash(), tree.rootHash(checkpoint.size()))) {
            throw new CheckpointMismatchException("checkpoint root at size " + checkpoint.size()
                    + " differs from the entries the view holds: the history was rewritten or the feed is forged");
        }
        return new VerifiedCheckpoint(checkpoint, note.clone());
    }

    /**
     * Whether {@code commitment} is licensed for {@code purpose} as of {@code asOf}, for use at
     * {@code atMillis} on a source carrying {@code sourceTags} (e.g. {@code host:example.org}): a grant
     * counts if it is in the checkpoint, not revoked within it, covers the purpose, is within its validity
     * at {@code atMillis}, and has an empty scope or a scope item among the tags.
     */
    public ConsentDecision licensed(Bytes commitment, String purpose, VerifiedCheckpoint asOf, long atMillis, Set<String> sourceTags) {
        long size = asOf.size();
        List<GrantEvidence> licensing = new ArrayList<>();
        List<GrantEvidence> revoked = new ArrayList<>();
        for (Bytes grantId : grantsByCommitment.getOrDefault(commitment, List.of())) {
            GrantStatus status = state.grant(grantId);
            if (status.index() >= size || !coversPurpose(status.grant(), purpose)) {
                continue;
            }
            if (status.revokedBefore(size)) {
                revoked.add(evidence(status, size));
            } else if (inTime(status.grant(), atMillis) && inScope(status.grant(), sourceTags)) {
                licensing.add(evidence(status, size));
            }
        }
        return new ConsentDecision(commitment, purpose, asOf, licensing, revoked);
    }

    /** Grants revoked by an entry at or after {@code from}'s size and before {@code to}'s, with proofs against {@code to}. */
    public List<GrantEvidence> revokedBetween(VerifiedCheckpoint from, VerifiedCheckpoint to) {
        if (from.size() > to.size()) {
            throw new IllegalArgumentException("the first checkpoint must not be later than the second");
        }
        List<GrantEvidence> out = new ArrayList<>();
        for (GrantStatus status : state.allGrants()) {
            long at = status.revokedAtIndex();
            if (at >= from.size() && at < to.size()) {
                out.add(evidence(status, to.size()));
            }
        }
        out.sort(java.util.Comparator.comparingLong(g -> g.revocationEntry().index()));
        return out;
    }

    /** The RFC 9162 consistency proof between two verified checkpoints, for auditors. */
    public List<byte[]> consistencyProof(VerifiedCheckpoint older, VerifiedCheckpoint newer) {
        return tree.consistencyProof(older.size(), newer.size());
    }

    private GrantEvidence evidence(GrantStatus status, long size) {
        EntryEvidence grantEntry = entryEvidence(status.index(), size);
        EntryEvidence revocation = status.revokedBefore(size) ? entryEvidence(status.revokedAtIndex(), size) : null;
        return new GrantEvidence(status.grantId(), status.grant(), grantEntry, revocation);
    }

    private EntryEvidence entryEvidence(long index, long size) {
        return new EntryEvidence(index, Bytes.of(tree.leafHash(index)), size, tree.inclusionProof(index, size));
    }

    /** A purpose outside the grant's vocabulary is never covered, not even by {@code tdm}. */
    private static boolean coversPurpose(Grant grant, String purpose) {
        return Purpose.isKnown(grant.vocabularyVersion(), purpose) && grant.purposes().stream().anyMatch(granted -> Purpose.covers(granted, purpose));
    }

    private static boolean inTime(Grant grant, long atMillis) {
        return atMillis >= grant.notBeforeMillis() && atMillis < grant.notAfterMillis();
    }

    private static boolean inScope(Grant grant, Set<String> sourceTags) {
        return grant.scope().isEmpty() || grant.scope().stream().anyMatch(sourceTags::contains);
    }
}
