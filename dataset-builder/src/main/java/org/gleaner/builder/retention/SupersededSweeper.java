package org.gleaner.builder.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.ManifestException;
import org.gleaner.builder.manifest.ManifestFile;
import org.gleaner.builder.manifest.ManifestJson;
import org.gleaner.builder.revocation.DeltaException;
import org.gleaner.builder.revocation.DeltaJson;
import org.gleaner.builder.version.DatasetVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the data files of superseded versions whose retention has passed ({@link RetentionPolicy}), in one
 * dataset directory. Safe by construction:
 * <ul>
 *   <li>only files a superseded version's own signed manifest names as data files (with row counts) are removed,
 *       and only when no live version's manifest names the same file (compared by real path, so a link from a
 *       live version into an old one keeps it);</li>
 *   <li>the manifest, its signature, the card, {@code source.json} and {@code superseded.json} stay: they are the
 *       signed record of what existed, which deltas and labs refer to;</li>
 *   <li>a version whose marker's delta is missing or does not decode is kept (its age is unknown);</li>
 *   <li>each removal is a single unlink, so a crash leaves some files removed and the next sweep removes the rest.</li>
 * </ul>
 * Run it on the thread (or under the lock) that builds and compacts the dataset.
 */
public final class SupersededSweeper {
    private static final Logger log = LoggerFactory.getLogger(SupersededSweeper.class);

    private final Path datasetDir;
    private final RetentionPolicy policy;
    private final Clock clock;

    public SupersededSweeper(Path datasetDir, RetentionPolicy policy, Clock clock) {
        this.datasetDir = datasetDir.toAbsolutePath().normalize();
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private record Superseded(DatasetVersions.Version version, Instant at) {
    }

    public SweepResult sweep() throws IOException {
        List<DatasetVersions.Version> all = DatasetVersions.list(datasetDir);
        Set<Path> referenced = new HashSet<>();
        for (DatasetVersions.Version v : all) {
            if (v.live()) {
                for (ManifestFile f : manifest(v.dir()).dataFiles()) {
                    Path p = v.dir().resolve(f.path());
                    if (Files.exists(p)) {
                        referenced.add(p.toRealPath());
                    }
                }
            }
        }
        List<Superseded> superseded = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (DatasetVersions.Version v : all) {
            if (v.published() && v.superseded() != null) {
                Instant at = supersededAt(v);
                if (at == null) {
                    kept.add(v.name());
                } else {
                    superseded.add(new Superseded(v, at));
                }
            }
        }
        superseded.sort(Comparator.comparing(Superseded::at).reversed()
                .thenComparing(s -> s.version().name(), Comparator.reverseOrder()));
        Instant cutoff = clock.instant().minus(policy.keepFor());
        List<String> swept = new ArrayList<>();
        long files = 0;
        long bytes = 0;
        for (int i = 0; i < superseded.size(); i++) {
            Superseded s = superseded.get(i);
            if (i < policy.keepLast() || !s.at().isBefore(cutoff)) {
                kept.add(s.version().name());
                continue;
            }
            long[] removed = removeDataFiles(s.version(), referenced);
            if (removed[0] > 0) {
                swept.add(s.version().name());
                files += removed[0];
                bytes += removed[1];
                log.info("{}: retention passed for v{} (superseded by v{} at {}): removed {} data file(s), {} bytes; "
                        + "its manifest and signature stay", datasetDir.getFileName(), s.version().name(),
                        s.version().superseded().supersededBy(), s.at(), removed[0], removed[1]);
            }
        }
        kept.sort(null);
        return new SweepResult(swept, files, bytes, kept);
    }

    /** @return {files removed, bytes removed} */
    private long[] removeDataFiles(DatasetVersions.Version v, Set<Path> referenced) throws IOException {
        long files = 0;
        long bytes = 0;
        for (ManifestFile f : manifest(v.dir()).dataFiles()) {
            Path p = v.dir().resolve(f.path()).normalize();
            if (!p.startsWith(v.dir()) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (referenced.contains(p.toRealPath())) {
                log.warn("{}: v{}/{} is also a live version's file; kept", datasetDir.getFileName(), v.name(), f.path());
                continue;
            }
            long size = Files.size(p);
            if (Files.deleteIfExists(p)) {
                files++;
                bytes += size;
            }
        }
        return new long[] {files, bytes};
    }

    /** The signed delta's creation time, or null (keep) when the delta cannot be read. */
    private Instant supersededAt(DatasetVersions.Version v) {
        Path delta = datasetDir.resolve(v.superseded().delta());
        try {
            if (Files.size(delta) > DeltaJson.MAX_BYTES) {
                return null;
            }
            return DeltaJson.decode(Files.readAllBytes(delta)).createdAt();
        } catch (IOException | DeltaException e) {
            log.warn("{}: v{}'s delta {} cannot be read ({}); its files are kept", datasetDir.getFileName(), v.name(),
                    v.superseded().delta(), e.getMessage());
            return null;
        }
    }

    private static DatasetManifest manifest(Path versionDir) throws IOException {
        try {
            return ManifestJson.decode(Files.readAllBytes(DatasetManifest.manifestPath(versionDir)));
        } catch (ManifestException e) {
            throw new IOException(versionDir.getFileName() + "/manifest.json: " + e.getMessage(), e);
        }
    }
}
