package org.gleaner.builder.version;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.gleaner.builder.manifest.DatasetManifest;

/**
 * The versions in one dataset directory ({@code DATASET/vVERSION/}): published ones have a manifest; a
 * superseded one also has a {@link SupersededMarker}. A version directory without a manifest is not published
 * (a build or a compaction in progress, or one a crash interrupted).
 */
public final class DatasetVersions {
    private static final java.util.regex.Pattern VERSION_DIR = java.util.regex.Pattern.compile("v[0-9A-Za-z][0-9A-Za-z._-]{0,63}");

    /** One version directory's state. */
    public record Version(String name, Path dir, boolean published, SupersededMarker superseded) {
        public boolean live() {
            return published && superseded == null;
        }
    }

    private DatasetVersions() {
    }

    /** Every version directory, sorted by name (hidden and non-version entries ignored, symbolic links refused). */
    public static List<Version> list(Path datasetDir) throws IOException {
        List<Version> out = new ArrayList<>();
        if (!Files.isDirectory(datasetDir)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(datasetDir)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (!VERSION_DIR.matcher(name).matches() || !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                boolean published = Files.isRegularFile(DatasetManifest.manifestPath(d), LinkOption.NOFOLLOW_LINKS);
                out.add(new Version(name.substring(1), d, published, published ? SupersededMarker.read(d) : null));
            }
        }
        out.sort(Comparator.comparing(Version::name));
        return out;
    }

    /** Published versions that nothing supersedes. */
    public static List<Version> live(Path datasetDir) throws IOException {
        return list(datasetDir).stream().filter(Version::live).toList();
    }
}
