package org.gleaner.builder.pull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.gleaner.protocol.note.NoteException;
import org.gleaner.protocol.note.NoteVerifier;
import org.gleaner.protocol.note.SignedNote;

/**
 * The detached signature of a deletion delta: a C2SP signed note by the builder's key over
 * <pre>
 * gleaner-dataset-delta/v1
 * DATASET/delta-NNNNNN
 * sha256:HEX of the delta's JSON bytes
 * </pre>
 * The same shape as a manifest's signature, with its own first line so neither can stand for the other.
 */
public final class DeltaSignature {
    public static final String FORMAT = "gleaner-dataset-delta/v1";

    private DeltaSignature() {
    }

    public static String noteText(String dataset, long sequence, byte[] deltaBytes) {
        return FORMAT + "\n" + dataset + "/delta-%06d".formatted(sequence) + "\nsha256:" + sha256(deltaBytes) + "\n";
    }

    static void verify(String dataset, long sequence, byte[] deltaBytes, byte[] signature, NoteVerifier key) throws PullException {
        SignedNote note;
        try {
            note = SignedNote.open(signature, key);
        } catch (NoteException e) {
            throw new PullException(PullException.Reason.BAD_SIGNATURE, "delta " + sequence + "'s signature does not verify with key "
                    + key.name() + ": " + e.getMessage(), e);
        }
        if (!note.isVerifiedBy(key)) {
            throw new PullException(PullException.Reason.BAD_SIGNATURE, "delta " + sequence + " is not signed by key " + key.name());
        }
        if (!note.text().equals(noteText(dataset, sequence, deltaBytes))) {
            throw new PullException(PullException.Reason.BAD_SIGNATURE, "delta " + sequence
                    + "'s signature is for other bytes, another dataset or another sequence");
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
