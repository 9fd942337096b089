package org.gleaner.coordinator.reward;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.gleaner.protocol.merkle.InclusionVerifier;
import org.gleaner.protocol.merkle.MerkleHash;
import org.gleaner.protocol.merkle.ProofVerificationException;
import org.gleaner.protocol.note.Checkpoint;
import org.gleaner.protocol.note.MalformedCheckpointException;
import org.gleaner.protocol.note.NoteException;
import org.gleaner.protocol.note.NoteVerifier;
import org.gleaner.protocol.note.SignedNote;
import org.gleaner.protocol.reward.StatementBundle;
import org.gleaner.protocol.reward.StatementCheckException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks, offline, that a statement's reward-root entry is in the consent ledger: the ledger's answer for the
 * entry ({@code GET /v1/entries/{index}} as JSON: index, entry, treeSize, inclusionProof) must carry exactly the
 * signed entry of the statement bundle, and its RFC 9162 inclusion proof must lead to the root of a checkpoint
 * ({@code GET /v1/checkpoint}, a C2SP signed note) that the ledger's key signed, for the same tree size.
 */
public final class LedgerInclusionCheck {
    public static final int MAX_PROOF_HASHES = 64;

    private LedgerInclusionCheck() {
    }

    /** What was checked: the entry's index in the ledger, and the checkpoint's origin and size. */
    public record Included(long index, String ledgerOrigin, long treeSize) {
    }

    public static Included verify(StatementBundle bundle, byte[] entryJson, byte[] checkpointNote, NoteVerifier ledgerKey)
            throws StatementCheckException {
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(SignedNote.open(checkpointNote, ledgerKey).text());
        } catch (MalformedCheckpointException e) {
            throw new StatementCheckException("the ledger checkpoint is malformed: " + e.getMessage());
        } catch (NoteException e) {
            throw new StatementCheckException("the ledger checkpoint is not signed by the given ledger key: " + e.getMessage());
        }
        EntryAnswer answer = parse(entryJson);
        byte[] expected = bundle.rewardRoot().encode().toArray();
        if (!Arrays.equals(answer.entry(), expected)) {
            throw new StatementCheckException("the ledger's entry " + answer.index() + " is not this statement's reward-root entry");
        }
        if (answer.treeSize() != checkpoint.size()) {
            throw new StatementCheckException("the inclusion proof is for tree size " + answer.treeSize() + ", the checkpoint has "
                    + checkpoint.size() + "; fetch both at the same size");
        }
        try {
            InclusionVerifier.verify(answer.index(), checkpoint.size(), MerkleHash.leafHash(expected), answer.proof(), checkpoint.rootHash());
        } catch (ProofVerificationException e) {
            throw new StatementCheckException("the reward-root entry is not in the ledger checkpoint: " + e.getMessage());
        }
        return new Included(answer.index(), checkpoint.origin(), checkpoint.size());
    }

    private record EntryAnswer(long index, byte[] entry, long treeSize, List<byte[]> proof) {
    }

    private static EntryAnswer parse(byte[] json) throws StatementCheckException {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            long index = root.required("index").asLong();
            long treeSize = root.required("treeSize").asLong();
            byte[] entry = Base64.getDecoder().decode(root.required("entry").asString());
            JsonNode hashes = root.required("inclusionProof");
            if (!hashes.isArray() || hashes.size() > MAX_PROOF_HASHES || index < 0 || treeSize <= index) {
                throw new StatementCheckException("the ledger entry file has an impossible index, size or proof");
            }
            List<byte[]> proof = new ArrayList<>();
            for (JsonNode h : hashes) {
                byte[] hash = Base64.getDecoder().decode(h.asString());
                if (hash.length != MerkleHash.SIZE) {
                    throw new StatementCheckException("the ledger entry file has a proof hash of " + hash.length + " bytes");
                }
                proof.add(hash);
            }
            return new EntryAnswer(index, entry, treeSize, proof);
        } catch (StatementCheckException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StatementCheckException("the ledger entry file is not the ledger's JSON answer for an entry: " + e.getMessage());
        }
    }
}
