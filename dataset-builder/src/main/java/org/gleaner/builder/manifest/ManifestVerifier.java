package org.gleaner.builder.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Consumer;
import org.gleaner.protocol.note.NoteVerifier;
import org.gleaner.protocol.note.SignedNote;

/**
 * Checks a dataset version directory: {@code manifest.json} is canonical, {@code manifest.json.sig} is a note
 * signed by the expected key over exactly those bytes, and every file the manifest names is a regular file
 * inside the directory with the listed size, SHA-256 and (for Parquet files) footer row count. Files the
 * manifest does not name are ignored.
 */
public final class ManifestVerifier {
    private final NoteVerifier key;

    public ManifestVerifier(NoteVerifier key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    public DatasetManifest verify(Path versionDir) throws ManifestException, IOException {
        return verify(versionDir, file -> { });
    }

    /**
     * @param progress told each file's path before it is hashed
     * @throws ManifestException with the reason when anything does not match
     */
    public DatasetManifest verify(Path versionDir, Consumer<String> progress) throws ManifestException, IOException {
        Path dir = versionDir.toAbsolutePath().normalize();
        byte[] json = readLimited(DatasetManifest.manifestPath(dir), ManifestJson.MAX_BYTES);
        byte[] signature = readLimited(DatasetManifest.signaturePath(dir), SignedNote.MAX_NOTE_BYTES);
        DatasetManifest manifest = ManifestJson.decode(json);
        ManifestSignature.verify(manifest, json, signature, key);
        for (ManifestFile f : manifest.files()) {
            progress.accept(f.path());
            check(dir, f);
        }
        return manifest;
    }

    private static void check(Path dir, ManifestFile f) throws ManifestException, IOException {
        Path file = dir.resolve(f.path()).normalize();
        if (!file.startsWith(dir)) {
            throw mismatch(f, "escapes the version directory");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw mismatch(f, "is missing or not a regular file");
        }
        long size = Files.size(file);
        if (size != f.bytes()) {
            throw mismatch(f, "has " + size + " bytes, the manifest says " + f.bytes());
        }
        String sha256 = sha256(file);
        if (!sha256.equals(f.sha256())) {
            throw mismatch(f, "has SHA-256 " + sha256 + ", the manifest says " + f.sha256());
        }
        if (f.isData()) {
            long rows;
            try {
                rows = ParquetFacts.rowCount(file);
            } catch (IOException | RuntimeException e) {
                throw mismatch(f, "is not a readable Parquet file: " + e.getMessage());
            }
            if (rows != f.rows()) {
                throw mismatch(f, "has " + rows + " rows, the manifest says " + f.rows());
            }
        }
    }

    private static byte[] readLimited(Path file, int max) throws ManifestException, IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new ManifestException(ManifestException.Reason.MALFORMED,
                        file.getFileName() + " exceeds " + max + " bytes");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new ManifestException(ManifestException.Reason.MISSING, file.getFileName() + " is missing", e);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static ManifestException mismatch(ManifestFile f, String what) {
        return new ManifestException(ManifestException.Reason.FILE_MISMATCH, f.path() + " " + what);
    }
}
