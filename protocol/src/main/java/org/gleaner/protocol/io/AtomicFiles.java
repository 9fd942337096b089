package org.gleaner.protocol.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Writing a file so that a reader, or a crash, never sees it half written: write it under a hidden
 * temporary name in the target's own directory, fsync it, rename it over the final name in one atomic step,
 * and fsync the directory so the rename itself survives a power loss. A crash leaves at most a hidden
 * {@code .<name>.<random>.tmp} file, never a partial file under the final name. Two kinds of target: published
 * files, never replaced ({@link #writeNew}, {@link #publish}), and private state or secrets, replaced and readable
 * by the owner only from their first byte ({@link #writeOwnerOnly}).
 */
public final class AtomicFiles {
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private AtomicFiles() {
    }

    /** Content written to an output stream; may fail part way. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Replaces {@code target} (creating missing parent directories) with {@code text} in UTF-8, owner-only
     * ({@code rw-------} where the file system has POSIX permissions) from the first byte; see
     * {@link #writeOwnerOnly(Path, Content)}.
     */
    public static Path writeOwnerOnly(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return writeOwnerOnly(target, out -> out.write(bytes));
    }

    /** As {@link #writeOwnerOnly(Path, String)}, for bytes. */
    public static Path writeOwnerOnly(Path target, byte[] content) throws IOException {
        return writeOwnerOnly(target, out -> out.write(content));
    }

    /**
     * Replaces {@code target} with what {@code content} writes: a hidden temporary sibling created owner-only,
     * fsync, atomic rename over any existing file, directory fsync. If {@code content} fails, or the process dies,
     * {@code target} keeps its previous content (or stays absent). Callers must not write the same target
     * concurrently.
     *
     * @return {@code target}
     */
    public static Path writeOwnerOnly(Path target, Content content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        createDirectories(parent);
        deleteStaleTemporaries(target);
        Path temp = temporarySibling(target);
        try {
            if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(temp, OWNER_ONLY);
            } else {
                Files.createFile(temp);
            }
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                content.writeTo(out);
            }
            fsyncFile(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            fsyncDirectory(parent);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    /** A fresh temporary path next to {@code target}: hidden, so globs such as {@code *.parquet} skip it. */
    public static Path temporarySibling(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    /** True for names {@link #temporarySibling} makes. */
    public static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    /**
     * Deletes the temporary files a crashed earlier attempt at publishing {@code target} left next to it.
     * Only for a caller that owns {@code target}'s name: a concurrent writer of the same target loses its
     * temporary file (and then fails to publish).
     *
     * @return how many were deleted
     */
    public static int deleteStaleTemporaries(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        String prefix = "." + target.getFileName() + ".";
        int deleted = 0;
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(prefix) && isTemporary(p))) {
            for (Path p : stale) {
                if (Files.deleteIfExists(p)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /**
     * Creates {@code dir} and missing parents, then fsyncs each directory whose entries changed so the new
     * directories survive a crash.
     */
    public static void createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        Path firstMissing = null;
        for (Path p = absolute; p != null && !Files.exists(p); p = p.getParent()) {
            firstMissing = p;
        }
        Files.createDirectories(absolute);
        if (firstMissing != null) {
            for (Path p = absolute; p != null; p = p.getParent()) {
                fsyncDirectory(p.getParent());
                if (p.equals(firstMissing)) {
                    break;
                }
            }
        }
    }

    /** Flushes a file's content and metadata to stable storage. */
    public static void fsyncFile(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /**
     * Flushes a directory's entries (a rename or create inside it) to stable storage. Windows cannot open a
     * directory for this and makes renames durable by itself, so there it does nothing.
     */
    public static void fsyncDirectory(Path dir) throws IOException {
        if (dir == null || WINDOWS) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * Publishes {@code temp} (already complete) as {@code target}: fsync the file, refuse to replace an
     * existing {@code target}, rename atomically, fsync the directory. Published files are immutable, so an
     * existing target is an error. The check and the rename are two steps: callers must not publish the same
     * target concurrently.
     *
     * @throws FileAlreadyExistsException      when {@code target} already exists
     * @throws AtomicMoveNotSupportedException when the file system cannot rename atomically
     */
    public static void publish(Path temp, Path target) throws IOException {
        if (!temp.toAbsolutePath().getParent().equals(target.toAbsolutePath().getParent())) {
            throw new IllegalArgumentException("temporary file must be in the target's directory: " + temp);
        }
        fsyncFile(temp);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "a published file is never replaced");
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        fsyncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Publishes {@code content} as {@code target} (temporary sibling, fsync, atomic rename, directory fsync);
     * an existing {@code target} is never replaced.
     */
    public static void writeNew(Path target, byte[] content) throws IOException {
        deleteStaleTemporaries(target);
        Path temp = temporarySibling(target);
        try {
            Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            publish(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Copies {@code source} to {@code target} byte for byte, published atomically like {@link #writeNew}. */
    public static void copyNew(Path source, Path target) throws IOException {
        deleteStaleTemporaries(target);
        Path temp = temporarySibling(target);
        try {
            Files.copy(source, temp);
            publish(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Deletes a directory tree (no symbolic links are followed), then fsyncs its parent. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        fsyncDirectory(dir.toAbsolutePath().getParent());
    }
}
