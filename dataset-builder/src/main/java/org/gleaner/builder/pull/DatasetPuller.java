package org.gleaner.builder.pull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Consumer;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.ManifestException;
import org.gleaner.builder.manifest.ManifestFile;
import org.gleaner.builder.manifest.ManifestJson;
import org.gleaner.builder.manifest.ManifestSignature;
import org.gleaner.builder.manifest.ManifestVerifier;
import org.gleaner.protocol.io.AtomicFiles;
import org.gleaner.protocol.note.NoteVerifier;
import tools.jackson.databind.JsonNode;

/**
 * Pulls one dataset version into {@code DIR/DATASET/vVERSION}: the manifest and its signature first, checked
 * against the pinned builder key before any file is fetched; then each file into a hidden staging directory
 * {@code DIR/.pull-DATASET-vVERSION}, resuming a partial file with {@code Range}, hashed as it arrives and
 * refused on any size or SHA-256 difference; then the whole staging directory verified again like
 * {@code gleaner datasets verify} (signature, hashes, Parquet row counts) and renamed into place in one step.
 * An interrupted pull leaves only the staging directory, which the next pull resumes.
 */
public final class DatasetPuller {
    public static final String LATEST = "latest";
    private final DatasetApiClient api;
    private final NoteVerifier builderKey;
    private final Consumer<String> progress;

    public DatasetPuller(DatasetApiClient api, NoteVerifier builderKey, Consumer<String> progress) {
        this.api = Objects.requireNonNull(api);
        this.builderKey = Objects.requireNonNull(builderKey);
        this.progress = Objects.requireNonNull(progress);
    }

    public record Pulled(DatasetManifest manifest, Path dir, boolean alreadyPresent) {
    }

    public Pulled pull(String dataset, String version, Path targetRoot) throws PullException, IOException {
        String resolved = LATEST.equals(version) ? latest(dataset) : version;
        if (!resolved.matches("[0-9A-Za-z][0-9A-Za-z._-]{0,63}")) {
            throw new PullException(PullException.Reason.MALFORMED, "the server named a version that is not a version name");
        }
        String base = "/v1/datasets/" + DatasetApiClient.encode(dataset) + "/versions/" + DatasetApiClient.encode(resolved);
        byte[] manifestBytes = api.document(base + "/manifest");
        byte[] signature = api.document(base + "/manifest.sig");
        DatasetManifest manifest = checkSigned(dataset, resolved, manifestBytes, signature);
        progress.accept("manifest of " + dataset + "/v" + resolved + " verified: " + manifest.files().size() + " files, "
                + manifest.rows() + " rows, signed by " + builderKey.name());

        Path target = targetRoot.resolve(dataset).resolve("v" + resolved);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return alreadyPulled(target, manifestBytes, manifest);
        }
        Path staging = targetRoot.resolve(".pull-" + dataset + "-v" + resolved);
        AtomicFiles.createDirectories(staging);
        for (ManifestFile f : manifest.files()) {
            fetch(base, staging, f);
        }
        write(staging.resolve(DatasetManifest.SIGNATURE_FILE_NAME), signature);
        write(staging.resolve(DatasetManifest.FILE_NAME), manifestBytes);
        try {
            new ManifestVerifier(builderKey).verify(staging, path -> progress.accept("verifying " + path));
        } catch (ManifestException e) {
            throw new PullException(PullException.Reason.FILE_MISMATCH, e.getMessage(), e);
        }
        AtomicFiles.fsyncDirectory(staging);
        AtomicFiles.createDirectories(target.getParent());
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.fsyncDirectory(target.getParent());
        AtomicFiles.fsyncDirectory(targetRoot);
        return new Pulled(manifest, target, false);
    }

    private String latest(String dataset) throws PullException {
        JsonNode versions = api.json("/v1/datasets/" + DatasetApiClient.encode(dataset) + "/versions").get("versions");
        String latest = null;
        String newest = null;
        for (JsonNode v : versions == null ? java.util.List.<JsonNode>of() : versions) {
            newest = v.get("version").asString();
            if (!v.get("superseded").asBoolean()) {
                latest = newest;
            }
        }
        String chosen = latest != null ? latest : newest;
        if (chosen == null) {
            throw new PullException(PullException.Reason.NOT_FOUND, dataset + " has no published version");
        }
        progress.accept("latest version of " + dataset + " is v" + chosen);
        return chosen;
    }

    private DatasetManifest checkSigned(String dataset, String version, byte[] bytes, byte[] signature) throws PullException {
        DatasetManifest manifest;
        try {
            manifest = ManifestJson.decode(bytes);
        } catch (ManifestException e) {
            throw new PullException(PullException.Reason.MALFORMED, "the manifest is not well formed: " + e.getMessage(), e);
        }
        try {
            ManifestSignature.verify(manifest, bytes, signature, builderKey);
        } catch (ManifestException e) {
            throw new PullException(PullException.Reason.BAD_SIGNATURE, e.getMessage(), e);
        }
        if (!manifest.dataset().equals(dataset) || !manifest.version().equals(version)) {
            throw new PullException(PullException.Reason.MALFORMED, "the server sent the manifest of " + manifest.dataset()
                    + "/v" + manifest.version() + " for " + dataset + "/v" + version);
        }
        return manifest;
    }

    private Pulled alreadyPulled(Path target, byte[] manifestBytes, DatasetManifest manifest) throws PullException, IOException {
        Path local = target.resolve(DatasetManifest.FILE_NAME);
        if (!Files.isRegularFile(local, LinkOption.NOFOLLOW_LINKS) || !java.util.Arrays.equals(Files.readAllBytes(local), manifestBytes)) {
            throw new PullException(PullException.Reason.TARGET_EXISTS, target + " exists and is not this version");
        }
        try {
            new ManifestVerifier(builderKey).verify(target, path -> progress.accept("verifying " + path));
        } catch (ManifestException e) {
            throw new PullException(PullException.Reason.TARGET_EXISTS, target + " exists but does not verify: " + e.getMessage(), e);
        }
        progress.accept(target + " already holds this version; verified");
        return new Pulled(manifest, target, true);
    }

    private void fetch(String base, Path staging, ManifestFile f) throws PullException, IOException {
        Path done = staging.resolve(f.path()).normalize();
        Path part = done.resolveSibling(done.getFileName() + ".part");
        if (!done.startsWith(staging)) {
            throw new PullException(PullException.Reason.MALFORMED, f.path() + " escapes the dataset directory");
        }
        AtomicFiles.createDirectories(done.getParent());
        if (Files.isRegularFile(done, LinkOption.NOFOLLOW_LINKS) && Files.size(done) == f.bytes() && sha256(done).equals(f.sha256())) {
            progress.accept(f.path() + ": already downloaded");
            return;
        }
        long have = Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS) ? Files.size(part) : 0;
        if (have > f.bytes()) {
            Files.delete(part);
            have = 0;
        }
        MessageDigest digest = newDigest();
        if (have > 0) {
            try (InputStream in = Files.newInputStream(part)) {
                in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
            }
            progress.accept(f.path() + ": resuming at byte " + have + " of " + f.bytes());
        }
        if (have < f.bytes()) {
            Progress shown = new Progress(f.path(), f.bytes());
            api.download(base + "/files/" + encodePath(f.path()), have, "\"" + f.sha256() + "\"", f.bytes(), startedAt -> {
                if (startedAt == 0) {
                    digest.reset();
                    return new DigestOutputStream(Files.newOutputStream(part, StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), digest);
                }
                return new DigestOutputStream(Files.newOutputStream(part, StandardOpenOption.APPEND), digest);
            }, shown::update);
        }
        long size = Files.size(part);
        String sha256 = HexFormat.of().formatHex(digest.digest());
        if (size != f.bytes() || !sha256.equals(f.sha256())) {
            Files.delete(part);
            throw new PullException(PullException.Reason.FILE_MISMATCH, f.path() + " arrived with " + size + " bytes and SHA-256 "
                    + sha256 + "; the signed manifest says " + f.bytes() + " bytes, " + f.sha256() + " (discarded)");
        }
        AtomicFiles.fsyncFile(part);
        Files.move(part, done, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        progress.accept(f.path() + ": " + f.bytes() + " bytes, SHA-256 ok");
    }

    /** Percent steps of 10, so a long download shows it is moving without flooding the terminal. */
    private final class Progress {
        private final String path;
        private final long total;
        private long shownTenth = -1;

        Progress(String path, long total) {
            this.path = path;
            this.total = total;
        }

        void update(long have) {
            long tenth = total == 0 ? 10 : have * 10 / total;
            if (tenth != shownTenth) {
                shownTenth = tenth;
                progress.accept(path + ": " + have + " of " + total + " bytes (" + tenth * 10 + "%)");
            }
        }
    }

    private static String encodePath(String path) {
        return String.join("/", java.util.Arrays.stream(path.split("/")).map(DatasetApiClient::encode).toList());
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        AtomicFiles.fsyncFile(file);
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
