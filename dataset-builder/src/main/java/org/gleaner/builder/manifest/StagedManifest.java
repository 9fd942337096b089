package org.gleaner.builder.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.gleaner.protocol.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A manifest written and fsynced under the hidden name {@value #STAGED_NAME} in its version directory, not yet
 * published: the version stays invisible until {@link #commit} renames it to {@code manifest.json} in one atomic
 * step. The staged bytes are exactly the bytes the signature covers.
 */
public record StagedManifest(DatasetManifest manifest, byte[] json, Path stagedFile, Path signatureFile, Path cardFile) {
    public static final String STAGED_NAME = ".manifest.json.staged";
    private static final Logger log = LoggerFactory.getLogger(StagedManifest.class);

    public String sha256() {
        return ManifestSignature.sha256Hex(json);
    }

    /** Publishes the staged manifest as {@code manifest.json} (atomic rename, directory fsync). */
    public PublishedManifest commit() throws IOException {
        Path manifestFile = promote(stagedFile.getParent());
        log.info("published manifest of {} v{}: {} files, {} rows, sha256 {}", manifest.dataset(), manifest.version(),
                manifest.files().size(), manifest.rows(), sha256());
        return new PublishedManifest(manifest, manifestFile, signatureFile, cardFile);
    }

    /** Renames a version directory's staged manifest to {@code manifest.json}; returns the manifest's path. */
    public static Path promote(Path versionDir) throws IOException {
        Path staged = versionDir.resolve(STAGED_NAME);
        Path target = DatasetManifest.manifestPath(versionDir);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new java.nio.file.FileAlreadyExistsException(target.toString(), null, "a published manifest is never replaced");
        }
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.fsyncDirectory(versionDir.toAbsolutePath());
        return target;
    }

    /** The SHA-256 (hex) of a staged manifest file. */
    public static String stagedSha256(Path versionDir) throws IOException {
        return ManifestSignature.sha256Hex(Files.readAllBytes(versionDir.resolve(STAGED_NAME)));
    }
}
