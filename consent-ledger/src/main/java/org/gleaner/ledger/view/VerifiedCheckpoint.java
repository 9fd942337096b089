package org.gleaner.ledger.view;

import org.gleaner.protocol.note.Checkpoint;

/**
 * A checkpoint whose signature verified with the ledger's key and whose root equals the view's own tree at
 * that size: answers given as of it are answers about exactly the history the ledger signed.
 */
public record VerifiedCheckpoint(Checkpoint checkpoint, byte[] note) {
    public long size() {
        return checkpoint.size();
    }

    public byte[] rootHash() {
        return checkpoint.rootHash();
    }
}
