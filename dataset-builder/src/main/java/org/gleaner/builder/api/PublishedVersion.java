package org.gleaner.builder.api;

import java.nio.file.Path;
import java.util.Optional;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.ManifestFile;

/**
 * One published dataset version as it is on disk: its directory, the exact bytes of {@code manifest.json}
 * (served as they are, so a lab can check the signature over them) and their decoded form, and whether a
 * later version superseded it.
 *
 * @param supersededBy the version named in {@code superseded.json}, or null when it names none
 */
public record PublishedVersion(String dataset, String version, Path dir, byte[] manifestBytes, DatasetManifest manifest,
        boolean superseded, String supersededBy) {

    public Optional<ManifestFile> file(String path) {
        return manifest.files().stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /** The dataset card: the manifest's {@code README.md}. */
    public Optional<ManifestFile> card() {
        return file("README.md");
    }
}
