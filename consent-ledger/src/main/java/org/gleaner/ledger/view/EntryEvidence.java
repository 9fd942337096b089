package org.gleaner.ledger.view;

import java.util.List;
import org.gleaner.protocol.codec.Bytes;

/**
 * A log entry with its RFC 9162 inclusion proof against a checkpoint's root: anyone holding the checkpoint
 * can check that the entry is in the signed history at {@code index}.
 */
public record EntryEvidence(long index, Bytes leafHash, long treeSize, List<byte[]> inclusionProof) {
    public EntryEvidence {
        inclusionProof = List.copyOf(inclusionProof);
    }
}
