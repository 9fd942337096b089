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
import org.gleaner.builder.pii.ConsentContext;
import org.gleaner.builder.pii.PiiScanner;
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
 *       names: files holding affected rows rewritten (each such row deleted, or re-redacted when the version's
 *       PII policy is {@code REDACT} and a consent context is given: see {@link RevokedRowRedactor}), all others
 *       copied byte for byte; its card, signature and a staged (hidden) manifest;</li>
 *   <li>the signed deletion delta {@code deltas/delta-NNNNNN.json(.sig)}, naming each compacted manifest's
 *       SHA-256: publishing the delta is the commit point;</li>
 *   <li>each compacted version's manifest (a rename of the staged one), then {@code vX/superseded.json}.</li>
 * </ol>
 * {@link #recover()} (run at start-up and before each pass) completes a committed delta whose later steps a crash
 * interrupted, and removes everything of an uncommitted one, and every other version directory without a
 * manifest. So after a crash and a recovery there is either nothing or a complete delta with its versions.
 * One processor (one builder) per dataset directory; not thread-safe (callers serialize passes). A pass leaves
 * unpublished build directories alone, so a build may run on another thread meanwhile.
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
    public static final String REDACTED_CONSENT_BASIS = "Compacted from the version it supersedes by the signed deletion "
            + "delta that names it: in rows carrying a grant the consent ledger revoked (as of the checkpoint named here), "
            + "every identifier no standing grant on the row still licenses was replaced by its typed placeholder and the "
            + "revoked grant ids were removed (the delta's redacted_row_ids); rows where that could not be shown complete "
            + "were removed (removed_row_ids). Every other row is unchanged, and files without affected rows are "
            + "byte-identical copies.";

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
     * Publishes a delta and compacted versions that delete the rows carrying any of {@code revokedGrantIds};
     * nothing when no live row carries one (revocations are terminal, so passing grants already handled is
     * harmless). Without a consent context no row can be re-redacted, so every affected row is deleted.
     */
    public RevocationOutcome process(Collection<String> revokedGrantIds, LedgerCheckpoint checkpoint) throws IOException {
        return process(revokedGrantIds, checkpoint, null);
    }

    /**
     * As above, following each version's PII policy (its manifest's {@code filters.privacy.policy}): under
     * {@code REDACT} an affected row is re-redacted with identifiers decided again through {@code consent} (as of
     * the same checkpoint as {@code checkpoint}); under {@code DROP_DOCUMENT} it is deleted.
     *
     * @param consent the consent lookup, commitment service and lookup checkpoint; null deletes every affected row
     */
    public RevocationOutcome process(Collection<String> revokedGrantIds, LedgerCheckpoint checkpoint,
            ConsentContext consent) throws IOException {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Set<String> revoked = validated(revokedGrantIds);
        recover(false);
        if (revoked.isEmpty()) {
            return RevocationOutcome.nothing();
        }
        Map<DatasetVersions.Version, Affected> affected = new TreeMap<>(
                java.util.Comparator.comparing(DatasetVersions.Version::name));
        for (DatasetVersions.Version v : DatasetVersions.live(datasetDir)) {
            DatasetManifest manifest = readManifest(v.dir());
            Map<ManifestFile, TreeSet<String>> rows = rowsCarrying(v.dir(), manifest, revoked);
            if (!rows.isEmpty()) {
                affected.put(v, new Affected(manifest, rows));
            }
        }
        if (affected.isEmpty()) {
            log.info("{}: no published row carries the {} revoked grant(s); no delta", dataset, revoked.size());
            return RevocationOutcome.nothing();
        }
        return publish(affected, revoked, checkpoint, consent);
    }

    /**
     * Publishes a finished build's staged version (its files, card, signature and hidden staged manifest written,
     * see {@code DatasetBuilder.withCommitGate}). When none of its rows carries one of {@code revokedGrantIds}
     * (the usual case: the build decided consent as of an older checkpoint and no revocation came since), its
     * manifest is simply committed. Otherwise it is published <em>already superseded</em>, in one crash-safe unit
     * with a delta and its compacted version: compacted version staged, delta signed and committed, compacted
     * manifest published, the build's {@code superseded.json} written, and only then the build's manifest
     * published. So the build's version is never a live version holding revoked rows; after a crash before the
     * delta's commit, recovery removes the build (its pages were not acknowledged), after it, recovery completes.
     */
    public RevocationOutcome publishBuild(StagedManifest build, Collection<String> revokedGrantIds,
            LedgerCheckpoint checkpoint, ConsentContext consent) throws IOException {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Set<String> revoked = validated(revokedGrantIds);
        recover(false);
        Path dir = build.stagedFile().toAbsolutePath().normalize().getParent();
        if (!dir.getParent().equals(datasetDir) || Files.exists(DatasetManifest.manifestPath(dir))) {
            throw new IllegalArgumentException("not an unpublished version of " + dataset + ": " + dir);
        }
        Map<ManifestFile, TreeSet<String>> rows = revoked.isEmpty() ? Map.of() : rowsCarrying(dir, build.manifest(), revoked);
        if (rows.isEmpty()) {
            build.commit();
            return RevocationOutcome.nothing();
        }
        log.info("{}: v{} was built as of a checkpoint before {} revocation(s) it holds rows of; publishing it superseded",
                dataset, build.manifest().version(), revoked.size());
        DatasetVersions.Version version = new DatasetVersions.Version(build.manifest().version(), dir, false, null);
        return publish(Map.of(version, new Affected(build.manifest(), rows)), revoked, checkpoint, consent);
    }

    private static Set<String> validated(Collection<String> revokedGrantIds) {
        Set<String> revoked = new TreeSet<>();
        for (String id : revokedGrantIds) {
            if (id == null || !DeletionDelta.HEX64.matcher(id).matches()) {
                throw new IllegalArgumentException("a grant id is 64 lowercase hex digits");
            }
            revoked.add(id);
        }
        return revoked;
    }

    private static Map<ManifestFile, TreeSet<String>> rowsCarrying(Path dir, DatasetManifest manifest, Set<String> revoked)
            throws IOException {
        Map<ManifestFile, TreeSet<String>> rows = new java.util.LinkedHashMap<>();
        for (ManifestFile f : manifest.dataFiles()) {
            TreeSet<String> ids = GrantRowScanner.rowsCarrying(dir.resolve(f.path()), revoked);
            if (!ids.isEmpty()) {
                rows.put(f, ids);
            }
        }
        return rows;
    }

    /** A version and the rows of each of its files that carry a revoked grant. */
    private record Affected(DatasetManifest manifest, Map<ManifestFile, TreeSet<String>> rows) {
    }

    private RevocationOutcome publish(Map<DatasetVersions.Version, Affected> affected, Set<String> revoked,
            LedgerCheckpoint checkpoint, ConsentContext consent) throws IOException {
        long sequence = lastSequence() + 1;
        List<DeletionDelta.AffectedVersion> versions = new ArrayList<>();
        List<RevocationOutcome.Compaction> compactions = new ArrayList<>();
        List<StagedManifest> staged = new ArrayList<>();
        for (var e : affected.entrySet()) {
            Compacted c = compact(e.getKey(), e.getValue().manifest(), e.getValue().rows(), sequence, checkpoint, revoked,
                    consent);
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
        log.info("{}: published {} ({} revoked grant(s), {} rows removed and {} re-redacted in {} version(s))", dataset,
                delta.relativePath(), revoked.size(), delta.removedRows(), delta.redactedRows(), versions.size());
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

    private Compacted compact(DatasetVersions.Version old, DatasetManifest oldManifest,
            Map<ManifestFile, TreeSet<String>> removals, long sequence, LedgerCheckpoint checkpoint, Set<String> revoked,
            ConsentContext consent) throws IOException {
        CompactionPolicy policy = CompactionPolicy.of(oldManifest);
        boolean redacting = policy.redacts() && consent != null;
        ParquetRowRewriter.RowRewrite rewrite = redacting
                ? new RevokedRowRedactor(PiiScanner.standard(policy.phoneRegion()), consent, policy.purpose(), revoked)
                : ParquetRowRewriter.RowRewrite.DELETE;
        String newVersion = COMPACTED_SUFFIX.matcher(old.name()).replaceFirst("") + String.format("-d%06d", sequence);
        Path newDir = datasetDir.resolve("v" + newVersion);
        if (Files.exists(newDir)) {
            throw new IOException("v" + newVersion + " already exists; recovery should have removed an unpublished one");
        }
        AtomicFiles.createDirectories(newDir);
        List<WrittenFile> written = new ArrayList<>();
        List<DeletionDelta.AffectedFile> rewritten = new ArrayList<>();
        List<String> carried = new ArrayList<>();
        ParquetRowRewriter rewriter = new ParquetRowRewriter(parquet);
        long removedRows = 0;
        long redactedRows = 0;
        for (ManifestFile f : oldManifest.dataFiles()) {
            Path source = old.dir().resolve(f.path());
            Path target = newDir.resolve(f.path());
            TreeSet<String> ids = removals.get(f);
            if (ids == null) {
                AtomicFiles.copyNew(source, target);
                written.add(new WrittenFile(target, f.rows(), f.bytes(), f.sha256()));
                carried.add(f.path());
            } else {
                ParquetRowRewriter.Rewritten result = rewriter.rewrite(source, target, ids, rewrite);
                String sha = sha256(target);
                written.add(new WrittenFile(target, result.rowsAfter(), Files.size(target), sha));
                rewritten.add(new DeletionDelta.AffectedFile(f.path(), result.rowsBefore(), result.rowsAfter(), sha,
                        result.removedIds(), result.replacedIds()));
                removedRows += result.removedIds().size();
                redactedRows += result.replacedIds().size();
            }
        }
        ManifestSettings settings = ManifestSettings.signedBy(signer).withClock(clock)
                .withCheckpoint(checkpoint, redacting ? REDACTED_CONSENT_BASIS : CONSENT_BASIS).withSupersedes(old.name());
        StagedManifest manifest = new ManifestPublisher(settings).prepare(newDir, dataset, newVersion, written,
                oldManifest.filters());
        return new Compacted(
                new DeletionDelta.AffectedVersion(old.name(), newVersion, manifest.sha256(), rewritten, carried),
                new RevocationOutcome.Compaction(old.name(), newVersion, newDir, rewritten.size(), carried.size(), removedRows,
                        redactedRows),
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
            // A build published already superseded (publishBuild): its manifest goes last, after its marker.
            if (!Files.exists(DatasetManifest.manifestPath(oldDir), LinkOption.NOFOLLOW_LINKS)
                    && Files.exists(oldDir.resolve(StagedManifest.STAGED_NAME), LinkOption.NOFOLLOW_LINKS)) {
                StagedManifest.promote(oldDir);
                steps.after(PublishStep.VERSION_PUBLISHED);
            }
        }
    }

    /**
     * Brings the dataset directory to a consistent state: completes every committed delta (publishes its staged
     * manifests, writes its superseded markers), deletes signatures and temporary files of uncommitted deltas,
     * and deletes every version directory that has no manifest and is not a committed delta's compacted version.
     *
     * Run it at start-up, before any build starts: an unpublished build's directory looks the same as an
     * interrupted one.
     *
     * @return how many incomplete things were completed or removed
     */
    public int recover() throws IOException {
        return recover(true);
    }

    /**
     * @param buildsToo also delete unpublished whole-number version directories (interrupted builds); false
     *                  during a pass, when a build may be running on another thread
     */
    private int recover(boolean buildsToo) throws IOException {
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
                    committedVersions.add(v.version());
                    Path oldDir = datasetDir.resolve("v" + v.version());
                    incomplete |= !Files.exists(DatasetManifest.manifestPath(datasetDir.resolve("v" + v.compactedVersion())))
                            || SupersededMarker.read(oldDir) == null
                            || (!Files.exists(DatasetManifest.manifestPath(oldDir))
                                    && Files.exists(oldDir.resolve(StagedManifest.STAGED_NAME)));
                }
                if (incomplete) {
                    complete(delta);
                    log.warn("{}: completed {} that an interruption left half published", dataset, delta.relativePath());
                    fixed++;
                }
            }
        }
        for (DatasetVersions.Version v : DatasetVersions.list(datasetDir)) {
            if (!v.published() && !committedVersions.contains(v.name())
                    && (buildsToo || COMPACTED_SUFFIX.matcher(v.name()).find())) {
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
