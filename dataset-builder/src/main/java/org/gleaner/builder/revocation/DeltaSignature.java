package org.gleaner.builder.revocation;

import java.util.List;
import org.gleaner.builder.manifest.ManifestSignature;
import org.gleaner.protocol.note.NoteException;
import org.gleaner.protocol.note.NoteSigner;
import org.gleaner.protocol.note.NoteVerifier;
import org.gleaner.protocol.note.SignedNote;

/**
 * The detached signature of a delta: a C2SP signed note over
 * <pre>
 * gleaner-deletion-delta/v1
 * demo/delta-000001
 * sha256:…
 * </pre>
 * The first line (the delta's own format, v1 or v2) separates it from manifests, every other note the builder
 * key signs and the other delta format; the second binds it to one delta of one dataset.
 */
public final class DeltaSignature {
    private DeltaSignature() {
    }

    static String noteText(String format, String dataset, long sequence, byte[] deltaBytes) {
        return format + "\n" + dataset + "/" + DeletionDelta.fileName(sequence).replace(".json", "")
                + "\nsha256:" + ManifestSignature.sha256Hex(deltaBytes) + "\n";
    }

    public static byte[] sign(DeletionDelta delta, byte[] deltaBytes, NoteSigner signer) {
        try {
            return SignedNote.sign(noteText(delta.format(), delta.dataset(), delta.sequence(), deltaBytes), List.of(signer));
        } catch (NoteException e) {
            throw new IllegalStateException("a delta note is always signable: " + e.getMessage(), e);
        }
    }

    public static void verify(DeletionDelta delta, byte[] deltaBytes, byte[] signature, NoteVerifier key) throws DeltaException {
        SignedNote note;
        try {
            note = SignedNote.open(signature, key);
        } catch (NoteException e) {
            throw new DeltaException(DeltaException.Reason.BAD_SIGNATURE, "delta signature does not verify with key "
                    + key.name() + ": " + e.getMessage());
        }
        if (!note.isVerifiedBy(key)) {
            throw new DeltaException(DeltaException.Reason.BAD_SIGNATURE, "delta is not signed by key " + key.name());
        }
        if (!note.text().equals(noteText(delta.format(), delta.dataset(), delta.sequence(), deltaBytes))) {
            throw new DeltaException(DeltaException.Reason.BAD_SIGNATURE, "the signature is for another delta");
        }
    }
}
