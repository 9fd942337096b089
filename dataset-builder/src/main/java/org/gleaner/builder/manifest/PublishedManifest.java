package org.gleaner.builder.manifest;

import java.nio.file.Path;

/** What {@link ManifestPublisher} wrote: the manifest, its signature (null when unsigned) and the card. */
public record PublishedManifest(DatasetManifest manifest, Path manifestFile, Path signatureFile, Path cardFile) {
}
