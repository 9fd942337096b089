package org.gleaner.builder.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.ManifestException;
import org.gleaner.builder.manifest.ManifestFile;
import org.gleaner.builder.manifest.ManifestJson;
import org.gleaner.protocol.note.SignedNote;
import org.gleaner.builder.version.SupersededMarker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads the published datasets under a root directory, {@code ROOT/DATASET/vVERSION/}, as files: a version is
 * published once its {@code manifest.json} exists (the builder writes it last), and anything else (a version
 * being written, a malformed manifest, a symbolic link) is never listed or served. Names from requests are
 * checked against the manifest's own name patterns before any path is built, so no request reaches outside
 * the root. Decoded manifests are cached by file size and modification time.
 */
public final class DatasetStore {
    private static final Logger log = LoggerFactory.getLogger(DatasetStore.class);
    static final Pattern DATASET = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
    static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,63}");
    private static final Pattern VERSION_DIR = Pattern.compile("v(" + VERSION.pattern() + ")");
    static final String SUPERSEDED_FILE = "superseded.json";
    private static final int MAX_SUPERSEDED_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record CacheKey(Path manifest, long size, long modifiedMillis) {
    }

    private final Path root;
    private final Map<Path, Map.Entry<CacheKey, PublishedVersion>> cache = new ConcurrentHashMap<>();

    public DatasetStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Datasets with at least one published version, by name. */
    public List<String> datasets() {
        List<String> names = new ArrayList<>();
        for (Path dir : children(root)) {
            String name = dir.getFileName().toString();
            if (DATASET.matcher(name).matches() && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && !versions(name).isEmpty()) {
                names.add(name);
            }
        }
        names.sort(String::compareTo);
        return names;
    }

    /** The dataset's published versions, oldest first. */
    public List<PublishedVersion> versions(String dataset) {
        Path datasetDir = datasetDir(dataset);
        List<PublishedVersion> versions = new ArrayList<>();
        for (Path dir : children(datasetDir)) {
            Matcher m = VERSION_DIR.matcher(dir.getFileName().toString());
            if (m.matches()) {
                read(dataset, m.group(1), dir).ifPresent(versions::add);
            }
        }
        versions.sort((a, b) -> VersionOrder.compare(a.version(), b.version()));
        return versions;
    }

    /** The newest version not superseded; never a superseded one (its compacted successor is live). */
    public Optional<PublishedVersion> latest(String dataset) {
        List<PublishedVersion> all = versions(dataset);
        return all.stream().filter(v -> !v.superseded()).reduce((a, b) -> b);
    }

    public PublishedVersion version(String dataset, String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw ApiProblem.badRequest("a version must match " + VERSION.pattern());
        }
        return read(dataset, version, datasetDir(dataset).resolve("v" + version))
                .orElseThrow(() -> ApiProblem.notFound("no published version " + dataset + "/v" + version));
    }

    /**
     * The file the version's manifest names at {@code path}, checked to be a regular file of the listed size. A
     * superseded version's file the retention sweep removed is {@code 410 Gone}, naming the version to pull instead.
     */
    public Path file(PublishedVersion v, ManifestFile f) {
        Path file = v.dir().resolve(f.path()).normalize();
        try {
            if (v.superseded() && file.startsWith(v.dir()) && !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new ApiProblem(org.springframework.http.HttpStatus.GONE, v.dataset() + "/v" + v.version()
                        + " is superseded and its retention has passed: its data files were removed (the signed manifest "
                        + "stays); pull v" + (v.supersededBy() == null ? "latest" : v.supersededBy()) + " instead");
            }
            if (!file.startsWith(v.dir()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) != f.bytes()
                    || !file.toRealPath().startsWith(v.dir().toRealPath())) {
                log.warn("{}/v{}: {} does not match its manifest entry", v.dataset(), v.version(), f.path());
                throw new ApiProblem(org.springframework.http.HttpStatus.CONFLICT,
                        f.path() + " on the server does not match the manifest; the version is being repaired");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    Path datasetDir(String dataset) {
        if (dataset == null || !DATASET.matcher(dataset).matches()) {
            throw ApiProblem.badRequest("a dataset name must match " + DATASET.pattern());
        }
        return root.resolve(dataset);
    }

    private Optional<PublishedVersion> read(String dataset, String version, Path dir) {
        Path manifestPath = DatasetManifest.manifestPath(dir);
        BasicFileAttributes attrs;
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            attrs = Files.readAttributes(manifestPath, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!attrs.isRegularFile() || attrs.size() > ManifestJson.MAX_BYTES) {
            return Optional.empty();
        }
        boolean superseded = Files.isRegularFile(dir.resolve(SUPERSEDED_FILE), LinkOption.NOFOLLOW_LINKS);
        CacheKey key = new CacheKey(manifestPath, attrs.size(), attrs.lastModifiedTime().toMillis());
        Map.Entry<CacheKey, PublishedVersion> cached = cache.get(manifestPath);
        if (cached != null && cached.getKey().equals(key) && cached.getValue().superseded() == superseded) {
            return Optional.of(cached.getValue());
        }
        try {
            byte[] bytes = Files.readAllBytes(manifestPath);
            DatasetManifest manifest = ManifestJson.decode(bytes);
            if (!manifest.dataset().equals(dataset) || !manifest.version().equals(version)) {
                log.warn("{}/v{}: the manifest names {}/v{}; not served", dataset, version, manifest.dataset(), manifest.version());
                return Optional.empty();
            }
            PublishedVersion published = new PublishedVersion(dataset, version, dir, bytes, manifest, superseded,
                    superseded ? supersededBy(dir) : null);
            cache.put(manifestPath, Map.entry(key, published));
            return Optional.of(published);
        } catch (ManifestException e) {
            log.warn("{}/v{}: malformed manifest, not served: {}", dataset, version, e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compacted version named by {@code superseded.json}, read by the revocation package's {@link SupersededMarker}. */
    private static String supersededBy(Path dir) {
        try {
            SupersededMarker marker = SupersededMarker.read(dir);
            return marker == null ? null : marker.supersededBy();
        } catch (IOException e) {
            log.warn("{}: unreadable {}", dir.getFileName(), SUPERSEDED_FILE);
            return null;
        }
    }

    static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                children.add(p);
                if (children.size() > 100_000) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return children;
    }

    /** The largest signature note served or read. */
    static int maxNoteBytes() {
        return SignedNote.MAX_NOTE_BYTES;
    }
}
