package org.gleaner.builder.revocation;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.LedgerCheckpoint;
import org.gleaner.builder.manifest.ManifestException;
import org.gleaner.builder.manifest.ManifestFile;
import org.gleaner.builder.manifest.ManifestJson;
import org.gleaner.builder.manifest.ManifestPublisher;
import org.gleaner.builder.manifest.ManifestSettings;
import org.gleaner.builder.manifest.StagedManifest;
import org.gleaner.builder.parquet.ParquetOptions;
import org.gleaner.builder.parquet.WrittenFile;
import org.gleaner.protocol.io.AtomicFiles;
import org.gleaner.builder.version.DatasetVersions;
import org.gleaner.builder.version.SupersededMarker;
import org.gleaner.ledger.view.ConsentView;
import org.gleaner.ledger.view.VerifiedCheckpoint;
import org.gleaner.protocol.note.NoteSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a revocation reach published data in one dataset directory. Given the grant ids the consent ledger
 * revoked (as of a checkpoint), it finds the rows of every live version (published, not superseded) that carry
 * one of them, and publishes, as one crash-safe unit:
 * <ol>
 *   <li>for each affected version {@code vX}, a compacted version {@code vBASE-dNNNNNN} with the same file
 *       names: files holding removed rows rewritten without them, all others copied byte for byte; its card,
 *       signature and a staged (hidden) manifest;</li>
 *   <li>the signed deletion delta {@code deltas/delta-NNNNNN.json(.sig)}, naming each compacted manifest's
 *       SHA-256: publishing the delta is the commit point;</li>
 *   <li>each compacted version's manifest (a rename of the staged one), then {@code vX/superseded.json}.</li>
 * </ol>
 * {@link #recover()} (run at start-up and before each pass) completes a committed delta whose later steps a crash
 * interrupted, and removes everything of an uncommitted one, and every other version directory without a
 * manifest. So after a crash and a recovery there is either nothing or a complete delta with its versions.
 * One processor (one builder) per dataset directory; not thread-safe.
 *
 * <pre>{@code
 * RevocationProcessor p = new RevocationProcessor(root.resolve("demo"), signer);
 * RevocationOutcome out = p.process(List.of(grantIdHex), snapshot.manifestCheckpoint());
 * }</pre>
 */
public final class RevocationProcessor {
    private static final Logger log = LoggerFactory.getLogger(RevocationProcessor.class);
    private static final Pattern DELTA_FILE = Pattern.compile("delta-([0-9]{6})\\.json");
    private static final Pattern COMPACTED_SUFFIX = Pattern.compile("-d[0-9]{6}$");
    public static final String CONSENT_BASIS = "Compacted from the version it supersedes by the signed deletion delta "
            + "that names it: rows carrying a grant the consent ledger revoked (as of the checkpoint named here) were "
            + "removed; every other row is unchanged, and files without removed rows are byte-identical copies.";

    private final Path datasetDir;
    private final String dataset;
    private final NoteSigner signer;
    private final Clock clock;
    private final ParquetOptions parquet;
    private final PublishStep.StepListener steps;

    public RevocationProcessor(Path datasetDir, NoteSigner signer) {
        this(datasetDir, signer, Clock.systemUTC(), ParquetOptions.DEFAULTS, PublishStep.StepListener.NONE);
    }

    public RevocationProcessor(Path datasetDir, NoteSigner signer, Clock clock, ParquetOptions parquet,
            PublishStep.StepListener steps) {
        this.datasetDir = datasetDir.toAbsolutePath().normalize();
        this.dataset = this.datasetDir.getFileName().toString();
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.parquet = Objects.requireNonNull(parquet, "parquet");
        this.steps = Objects.requireNonNull(steps, "steps");
    }

    /**
     * Publishes a delta and compacted versions for the rows carrying any of {@code revokedGrantIds}; nothing
     * when no live row carries one (revocations are terminal, so passing grants already handled is harmless).
     */
    public RevocationOutcome process(Collection<String> revokedGrantIds, LedgerCheckpoint checkpoint) throws IOException {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Set<String> revoked = new TreeSet<>();
        for (String id : revokedGrantIds) {
            if (id == null || !DeletionDelta.HEX64.matcher(id).matches()) {
                throw new IllegalArgumentException("a grant id is 64 lowercase hex digits");
            }
            revoked.add(id);
        }
        recover();
        if (revoked.isEmpty()) {
            return RevocationOutcome.nothing();
        }
        Map<DatasetVersions.Version, Map<ManifestFile, TreeSet<String>>> affected = new TreeMap<>(
                java.util.Comparator.comparing(DatasetVersions.Version::name));
        Set<String> revokedFound = new TreeSet<>();
        for (DatasetVersions.Version v : DatasetVersions.live(datasetDir)) {
            DatasetManifest manifest = readManifest(v.dir());
            Map<ManifestFile, TreeSet<String>> rows = new java.util.LinkedHashMap<>();
            for (ManifestFile f : manifest.dataFiles()) {
                TreeSet<String> ids = GrantRowScanner.rowsCarrying(v.dir().resolve(f.path()), revoked);
                if (!ids.isEmpty()) {
                    rows.put(f, ids);
                }
            }
            if (!rows.isEmpty()) {
                affected.put(v, rows);
            }
        }
        if (affected.isEmpty()) {
            log.info("{}: no published row carries the {} revoked grant(s); no delta", dataset, revoked.size());
            return RevocationOutcome.nothing();
        }
        long sequence = lastSequence() + 1;
        List<DeletionDelta.AffectedVersion> versions = new ArrayList<>();
        List<RevocationOutcome.Compaction> compactions = new ArrayList<>();
        List<StagedManifest> staged = new ArrayList<>();
        for (var e : affected.entrySet()) {
            Compacted c = compact(e.getKey(), e.getValue(), sequence, checkpoint);
            versions.add(c.affected());
            compactions.add(c.compaction());
            staged.add(c.manifest());
        }
        steps.after(PublishStep.VERSIONS_STAGED);

        DeletionDelta delta = new DeletionDelta(dataset, sequence, clock.instant(), checkpoint,
                List.copyOf(revoked), versions);
        byte[] json = DeltaJson.encode(delta);
        Path deltaFile = DeletionDelta.deltaPath(datasetDir, sequence);
        AtomicFiles.createDirectories(deltaFile.getParent());
        AtomicFiles.writeNew(DeletionDelta.signaturePath(deltaFile), DeltaSignature.sign(delta, json, signer));
        steps.after(PublishStep.DELTA_SIGNED);
        AtomicFiles.writeNew(deltaFile, json);
        steps.after(PublishStep.DELTA_COMMITTED);
        complete(delta);
        log.info("{}: published {} ({} revoked grant(s), {} rows removed from {} version(s))", dataset,
                delta.relativePath(), revoked.size(), delta.removedRows(), versions.size());
        return new RevocationOutcome(deltaFile, delta, compactions);
    }

    /**
     * For a caller that holds its own consent view (e.g. the devnet): publishes what the grants revoked by entries
     * in {@code [from.size, to.size)} require, as of {@code to}.
     */
    public RevocationOutcome process(ConsentView view, VerifiedCheckpoint from, VerifiedCheckpoint to) throws IOException {
        List<String> revoked = view.revokedBetween(from, to).stream().map(g -> g.grantId().hex()).toList();
        LedgerCheckpoint asOf = new LedgerCheckpoint(to.checkpoint().origin(), to.size(),
                java.util.HexFormat.of().formatHex(to.rootHash()));
        return process(revoked, asOf);
    }

    private record Compacted(DeletionDelta.AffectedVersion affected, RevocationOutcome.Compaction compaction,
            StagedManifest manifest) {
    }

    private Compacted compact(DatasetVersions.Version old, Map<ManifestFile, TreeSet<String>> removals, long sequence,
            LedgerCheckpoint checkpoint) throws IOException {
        DatasetManifest oldManifest = readManifest(old.dir());
        String newVersion = COMPACTED_SUFFIX.matcher(old.name()).replaceFirst("") + String.format("-d%06d", sequence);
        Path newDir = datasetDir.resolve("v" + newVersion);
        if (Files.exists(newDir)) {
            throw new IOException("v" + newVersion + " already exists; recovery should have removed an unpublished one");
        }
        AtomicFiles.createDirectories(newDir);
        List<WrittenFile> written = new ArrayList<>();
        List<DeletionDelta.AffectedFile> rewritten = new ArrayList<>();
        List<String> carried = new ArrayList<>();
        ParquetRowFilter filter = new ParquetRowFilter(parquet);
        long removedRows = 0;
        for (ManifestFile f : oldManifest.dataFiles()) {
            Path source = old.dir().resolve(f.path());
            Path target = newDir.resolve(f.path());
            TreeSet<String> ids = removals.get(f);
            if (ids == null) {
                AtomicFiles.copyNew(source, target);
                written.add(new WrittenFile(target, f.rows(), f.bytes(), f.sha256()));
                carried.add(f.path());
            } else {
                ParquetRowFilter.Filtered result = filter.rewrite(source, target, ids);
                String sha = sha256(target);
                written.add(new WrittenFile(target, result.rowsAfter(), Files.size(target), sha));
                rewritten.add(new DeletionDelta.AffectedFile(f.path(), result.rowsBefore(), result.rowsAfter(), sha,
                        List.copyOf(ids)));
                removedRows += ids.size();
            }
        }
        ManifestSettings settings = ManifestSettings.signedBy(signer).withClock(clock)
                .withCheckpoint(checkpoint, CONSENT_BASIS).withSupersedes(old.name());
        StagedManifest manifest = new ManifestPublisher(settings).prepare(newDir, dataset, newVersion, written,
                oldManifest.filters());
        return new Compacted(
                new DeletionDelta.AffectedVersion(old.name(), newVersion, manifest.sha256(), rewritten, carried),
                new RevocationOutcome.Compaction(old.name(), newVersion, newDir, rewritten.size(), carried.size(), removedRows),
                manifest);
    }

    /** Steps after the commit point: idempotent, so recovery can run them again. */
    private void complete(DeletionDelta delta) throws IOException {
        for (DeletionDelta.AffectedVersion v : delta.versions()) {
            Path newDir = datasetDir.resolve("v" + v.compactedVersion());
            if (!Files.exists(DatasetManifest.manifestPath(newDir), LinkOption.NOFOLLOW_LINKS)) {
                String staged = StagedManifest.stagedSha256(newDir);
                if (!staged.equals(v.compactedManifestSha256())) {
                    throw new IOException("v" + v.compactedVersion() + "'s staged manifest is not the one delta "
                            + delta.sequence() + " names");
                }
                StagedManifest.promote(newDir);
                steps.after(PublishStep.VERSION_PUBLISHED);
            }
        }
        for (DeletionDelta.AffectedVersion v : delta.versions()) {
            Path oldDir = datasetDir.resolve("v" + v.version());
            if (SupersededMarker.read(oldDir) == null) {
                new SupersededMarker(dataset, v.version(), v.compactedVersion(), delta.relativePath()).writeTo(oldDir);
                steps.after(PublishStep.SUPERSEDED_MARKED);
            }
        }
    }

    /**
     * Brings the dataset directory to a consistent state: completes every committed delta (publishes its staged
     * manifests, writes its superseded markers), deletes signatures and temporary files of uncommitted deltas,
     * and deletes every version directory that has no manifest and is not a committed delta's compacted version.
     *
     * @return how many incomplete things were completed or removed
     */
    public int recover() throws IOException {
        int fixed = 0;
        Path deltas = datasetDir.resolve(DeletionDelta.DIR_NAME);
        Set<String> committedVersions = new TreeSet<>();
        if (Files.isDirectory(deltas)) {
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(deltas)) {
                s.forEach(entries::add);
            }
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (AtomicFiles.isTemporary(p)) {
                    Files.delete(p);
                    fixed++;
                } else if (name.endsWith(".json.sig") && !Files.exists(p.resolveSibling(name.substring(0, name.length() - 4)))) {
                    Files.delete(p);
                    log.warn("{}: removed the signature of delta {} that was never published", dataset, name);
                    fixed++;
                }
            }
            for (long seq = 1; seq <= lastSequence(); seq++) {
                Path file = DeletionDelta.deltaPath(datasetDir, seq);
                if (!Files.exists(file)) {
                    continue;
                }
                DeletionDelta delta;
                try {
                    delta = DeltaJson.decode(Files.readAllBytes(file));
                } catch (DeltaException e) {
                    throw new IOException(file + ": " + e.getMessage(), e);
                }
                boolean incomplete = false;
                for (DeletionDelta.AffectedVersion v : delta.versions()) {
                    committedVersions.add(v.compactedVersion());
                    incomplete |= !Files.exists(DatasetManifest.manifestPath(datasetDir.resolve("v" + v.compactedVersion())))
                            || SupersededMarker.read(datasetDir.resolve("v" + v.version())) == null;
                }
                if (incomplete) {
                    complete(delta);
                    log.warn("{}: completed {} that an interruption left half published", dataset, delta.relativePath());
                    fixed++;
                }
            }
        }
        for (DatasetVersions.Version v : DatasetVersions.list(datasetDir)) {
            if (!v.published() && !committedVersions.contains(v.name())) {
                AtomicFiles.deleteTree(v.dir());
                log.warn("{}: removed v{}, which an interrupted build or compaction left without a manifest", dataset, v.name());
                fixed++;
            }
        }
        return fixed;
    }

    /** The names of the dataset's live versions (published, not superseded), sorted. */
    public List<String> liveVersions() throws IOException {
        return DatasetVersions.live(datasetDir).stream().map(DatasetVersions.Version::name).toList();
    }

    /** The highest published delta sequence number, 0 when none. */
    public long lastSequence() throws IOException {
        Path deltas = datasetDir.resolve(DeletionDelta.DIR_NAME);
        long max = 0;
        if (Files.isDirectory(deltas)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(deltas)) {
                for (Path p : s) {
                    Matcher m = DELTA_FILE.matcher(p.getFileName().toString());
                    if (m.matches()) {
                        max = Math.max(max, Long.parseLong(m.group(1)));
                    }
                }
            }
        }
        return max;
    }

    private static DatasetManifest readManifest(Path versionDir) throws IOException {
        try {
            return ManifestJson.decode(Files.readAllBytes(DatasetManifest.manifestPath(versionDir)));
        } catch (ManifestException e) {
            throw new IOException(versionDir.getFileName() + "/manifest.json: " + e.getMessage(), e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
