package org.gleaner.ledger.audit;

import java.util.Arrays;
import java.util.function.LongConsumer;
import org.gleaner.ledger.state.EntryRejectedException;
import org.gleaner.ledger.state.EntryVerifier;
import org.gleaner.protocol.merkle.ConsistencyVerifier;
import org.gleaner.protocol.merkle.MerkleTree;
import org.gleaner.protocol.merkle.ProofVerificationException;
import org.gleaner.protocol.note.Checkpoint;
import org.gleaner.protocol.note.MalformedCheckpointException;
import org.gleaner.protocol.note.NoteException;
import org.gleaner.protocol.note.NoteVerifier;
import org.gleaner.protocol.note.SignedNote;

/**
 * Checks that a ledger never rewrote its history: the latest checkpoint must carry a valid signature by the
 * ledger key, and be consistent (RFC 9162) with the checkpoint the auditor saved last time. Optionally it
 * downloads every entry, checks each signature and recomputes the root, so that entries served today are
 * exactly the ones the checkpoint signed.
 */
public final class LedgerAuditor {
    private final NoteVerifier ledgerKey;

    public LedgerAuditor(NoteVerifier ledgerKey) {
        this.ledgerKey = ledgerKey;
    }

    public NoteVerifier ledgerKey() {
        return ledgerKey;
    }

    /** A checkpoint note that verified, with its parsed body. */
    public record Audited(Checkpoint checkpoint, byte[] note) {
    }

    public Audited open(byte[] note) throws AuditFailedException {
        try {
            Checkpoint checkpoint = Checkpoint.parse(SignedNote.open(note, ledgerKey).text());
            if (!checkpoint.origin().equals(ledgerKey.name())) {
                throw new AuditFailedException("checkpoint origin " + checkpoint.origin() + " is not " + ledgerKey.name());
            }
            return new Audited(checkpoint, note.clone());
        } catch (NoteException | MalformedCheckpointException e) {
            throw new AuditFailedException("checkpoint signature does not verify with the ledger key: " + e.getMessage());
        }
    }

    /**
     * Audits {@code source} against {@code saved} (may be {@code null} on the first run) and returns the
     * latest checkpoint, which the caller saves for next time.
     */
    public Audited audit(LedgerSource source, Audited saved, boolean checkEntries, LongConsumer progress)
            throws AuditFailedException {
        Audited latest = open(source.latestCheckpoint());
        Checkpoint now = latest.checkpoint();
        if (saved != null) {
            Checkpoint before = saved.checkpoint();
            if (now.size() < before.size()) {
                throw new AuditFailedException("the log shrank from " + before.size() + " to " + now.size() + " entries: history was rewritten");
            }
            if (now.size() == before.size()) {
                if (!Arrays.equals(now.rootHash(), before.rootHash())) {
                    throw new AuditFailedException("two different roots signed for size " + now.size() + ": the ledger forked");
                }
            } else if (before.size() > 0) {
                try {
                    ConsistencyVerifier.verify(before.size(), now.size(), before.rootHash(), now.rootHash(),
                            source.consistencyProof(before.size(), now.size()));
                } catch (ProofVerificationException e) {
                    throw new AuditFailedException("checkpoint " + now.size() + " is not consistent with the saved checkpoint "
                            + before.size() + ": history was rewritten (" + e.getMessage() + ")");
                }
            }
        }
        if (checkEntries) {
            MerkleTree tree = new MerkleTree();
            for (long i = 0; i < now.size(); i++) {
                byte[] leaf = source.entry(i);
                try {
                    EntryVerifier.decodeAndVerify(leaf, now.origin());
                } catch (EntryRejectedException e) {
                    throw new AuditFailedException("entry " + i + " does not verify: " + e.getMessage());
                }
                tree.append(leaf);
                progress.accept(i + 1);
            }
            if (!Arrays.equals(tree.rootHash(), now.rootHash())) {
                throw new AuditFailedException("the served entries do not hash to the signed root of size " + now.size()
                        + ": stored entries were rewritten");
            }
        }
        return latest;
    }
}
