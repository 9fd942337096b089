package org.gleaner.builder.revocation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.ManifestSignature;
import org.gleaner.protocol.note.NoteVerifier;
import org.gleaner.protocol.note.SignedNote;

/**
 * Checks a deletion delta: it is canonical, {@code .sig} beside it is a note signed by the expected key over
 * exactly its bytes, it names its own dataset and sequence, and each compacted version it names that is present
 * next to it has exactly the manifest the delta names (SHA-256), so the delta's signature covers it.
 */
public final class DeltaVerifier {
    private final NoteVerifier key;

    public DeltaVerifier(NoteVerifier key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    public DeletionDelta verify(Path deltaFile) throws DeltaException, IOException {
        Path file = deltaFile.toAbsolutePath().normalize();
        byte[] json = read(file, DeltaJson.MAX_BYTES);
        byte[] sig = read(DeletionDelta.signaturePath(file), SignedNote.MAX_NOTE_BYTES);
        DeletionDelta delta = DeltaJson.decode(json);
        DeltaSignature.verify(delta, json, sig, key);
        if (!file.getFileName().toString().equals(delta.fileName())) {
            throw new DeltaException(DeltaException.Reason.MALFORMED, "the file is named " + file.getFileName()
                    + " but holds delta " + delta.sequence());
        }
        Path datasetDir = file.getParent().getParent();
        if (!datasetDir.getFileName().toString().equals(delta.dataset())) {
            throw new DeltaException(DeltaException.Reason.MALFORMED, "the delta is for dataset " + delta.dataset()
                    + ", not " + datasetDir.getFileName());
        }
        for (DeletionDelta.AffectedVersion v : delta.versions()) {
            Path manifest = DatasetManifest.manifestPath(datasetDir.resolve("v" + v.compactedVersion()));
            if (Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
                String sha = ManifestSignature.sha256Hex(Files.readAllBytes(manifest));
                if (!sha.equals(v.compactedManifestSha256())) {
                    throw new DeltaException(DeltaException.Reason.VERSION_MISMATCH, "v" + v.compactedVersion()
                            + "/manifest.json is not the manifest the delta names");
                }
            }
        }
        return delta;
    }

    private static byte[] read(Path file, int max) throws DeltaException, IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new DeltaException(DeltaException.Reason.MALFORMED, file.getFileName() + " exceeds " + max + " bytes");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new DeltaException(DeltaException.Reason.MISSING, file.getFileName() + " is missing");
        }
    }
}
