package org.gleaner.builder.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gleaner.builder.parquet.DatasetSchema;
import org.gleaner.builder.parquet.WrittenFile;
import org.gleaner.protocol.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Describes a dataset version whose Parquet files are already published: writes the card, then the signature,
 * then the manifest, each atomically (temporary file, fsync, rename, directory fsync). The manifest comes last
 * so that whoever sees a manifest also sees every file it names; a crash before it leaves a version without a
 * manifest, which readers treat as unpublished.
 */
public final class ManifestPublisher {
    private static final Logger log = LoggerFactory.getLogger(ManifestPublisher.class);
    private final ManifestSettings settings;

    public ManifestPublisher(ManifestSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param versionDir the directory holding the data files
     * @param dataFiles  the published Parquet files, all inside {@code versionDir}
     * @param filters    the build's {@link BuildFilters} tree
     */
    public PublishedManifest publish(Path versionDir, String dataset, String version, List<WrittenFile> dataFiles,
            Map<String, Object> filters) throws IOException {
        return prepare(versionDir, dataset, version, dataFiles, filters).commit();
    }

    /**
     * Writes the card and the signature, and stages the manifest as a hidden {@value StagedManifest#STAGED_NAME}
     * without publishing it: the caller commits it ({@link StagedManifest#commit}) once whatever must come first
     * (a deletion delta naming this manifest's hash) is published.
     */
    public StagedManifest prepare(Path versionDir, String dataset, String version, List<WrittenFile> dataFiles,
            Map<String, Object> filters) throws IOException {
        return prepare(versionDir, dataset, version, dataFiles, filters, Map.of());
    }

    /**
     * As {@link #prepare(Path, String, String, List, Map)}, also writing {@code extraFiles} (plain file name to
     * content, e.g. {@code source.json}) atomically into the version and naming them in the manifest.
     */
    public StagedManifest prepare(Path versionDir, String dataset, String version, List<WrittenFile> dataFiles,
            Map<String, Object> filters, Map<String, byte[]> extraFiles) throws IOException {
        Path dir = versionDir.toAbsolutePath().normalize();
        List<ManifestFile> files = new ArrayList<>();
        for (WrittenFile f : dataFiles) {
            files.add(ManifestFile.data(relative(dir, f.path()), f.sha256(), f.bytes(), f.rows()));
        }
        for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(extraFiles).entrySet()) {
            ManifestFile described = ManifestFile.other(e.getKey(), ManifestSignature.sha256Hex(e.getValue()), e.getValue().length);
            if (e.getKey().contains("/") || e.getKey().equals(DatasetCard.FILE_NAME) || e.getKey().startsWith("manifest.json")) {
                throw new IllegalArgumentException("not a plain extra file name: " + e.getKey());
            }
            write(dir.resolve(e.getKey()), e.getValue());
            files.add(described);
        }
        Instant createdAt = settings.clock().instant();
        DatasetManifest withoutCard = manifest(dataset, version, createdAt, files, filters);
        Map<String, Long> languages = new java.util.TreeMap<>();
        for (WrittenFile f : dataFiles) {
            ParquetFacts.languages(f.path()).forEach((code, n) -> languages.merge(code, n, Long::sum));
        }
        byte[] card = DatasetCard.render(withoutCard, languages).getBytes(StandardCharsets.UTF_8);
        Path cardFile = dir.resolve(DatasetCard.FILE_NAME);
        write(cardFile, card);
        files.add(ManifestFile.other(DatasetCard.FILE_NAME, ManifestSignature.sha256Hex(card), card.length));

        DatasetManifest manifest = manifest(dataset, version, createdAt, files, filters);
        byte[] json = ManifestJson.encode(manifest);
        Path signatureFile = null;
        if (settings.signer() != null) {
            signatureFile = DatasetManifest.signaturePath(dir);
            write(signatureFile, ManifestSignature.sign(manifest, json, settings.signer()));
        } else {
            log.warn("dataset {} v{} has no manifest signer: {} is written unsigned", dataset, version,
                    DatasetManifest.FILE_NAME);
        }
        Path staged = dir.resolve(StagedManifest.STAGED_NAME);
        Files.deleteIfExists(staged);
        write(staged, json);
        return new StagedManifest(manifest, json, staged, signatureFile, cardFile);
    }

    private DatasetManifest manifest(String dataset, String version, Instant createdAt, List<ManifestFile> files,
            Map<String, Object> filters) {
        return new DatasetManifest(dataset, version, createdAt, files, DatasetSchema.VERSION,
                DatasetSchema.SCHEMA.toString(), filters, settings.checkpoint(), settings.consentBasis(),
                settings.supersedes());
    }

    private static String relative(Path dir, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.startsWith(dir)) {
            throw new IllegalArgumentException("data file is outside the version directory: " + file);
        }
        return dir.relativize(absolute).toString().replace('\\', '/');
    }

    private static void write(Path target, byte[] content) throws IOException {
        AtomicFiles.writeNew(target, content);
    }
}
