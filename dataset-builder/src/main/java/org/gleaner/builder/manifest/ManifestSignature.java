package org.gleaner.builder.manifest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.gleaner.protocol.note.NoteException;
import org.gleaner.protocol.note.NoteSigner;
import org.gleaner.protocol.note.NoteVerifier;
import org.gleaner.protocol.note.SignedNote;

/**
 * The detached signature of a manifest: a C2SP signed note whose text names the record type, the dataset
 * version and the SHA-256 of the canonical manifest bytes:
 *
 * <pre>
 * gleaner-dataset-manifest/v1
 * demo/v1
 * sha256:3f1c…
 * </pre>
 *
 * The first line separates this signature from every other record a Gleaner key signs (checkpoints, grants);
 * the second binds it to one dataset version, so a signature cannot be moved to another version's manifest.
 */
public final class ManifestSignature {
    private ManifestSignature() {
    }

    static String noteText(String dataset, String version, byte[] manifestBytes) {
        return DatasetManifest.FORMAT + "\n" + dataset + "/v" + version + "\nsha256:" + sha256Hex(manifestBytes) + "\n";
    }

    /** Signs canonical manifest bytes (as {@link ManifestJson#encode} made them). */
    public static byte[] sign(DatasetManifest manifest, byte[] manifestBytes, NoteSigner signer) {
        try {
            return SignedNote.sign(noteText(manifest.dataset(), manifest.version(), manifestBytes), List.of(signer));
        } catch (NoteException e) {
            throw new IllegalStateException("a manifest note is always signable: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that {@code signature} is a note signed by {@code key} over exactly these manifest bytes.
     *
     * @throws ManifestException {@link ManifestException.Reason#BAD_SIGNATURE} otherwise
     */
    public static void verify(DatasetManifest manifest, byte[] manifestBytes, byte[] signature, NoteVerifier key)
            throws ManifestException {
        SignedNote note;
        try {
            note = SignedNote.open(signature, key);
        } catch (NoteException e) {
            throw new ManifestException(ManifestException.Reason.BAD_SIGNATURE,
                    "manifest signature does not verify with key " + key.name() + ": " + e.getMessage(), e);
        }
        if (!note.isVerifiedBy(key)) {
            throw new ManifestException(ManifestException.Reason.BAD_SIGNATURE,
                    "manifest is not signed by key " + key.name());
        }
        if (!note.text().equals(noteText(manifest.dataset(), manifest.version(), manifestBytes))) {
            throw new ManifestException(ManifestException.Reason.BAD_SIGNATURE,
                    "the signature is for another manifest (hash or dataset version differs)");
        }
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
