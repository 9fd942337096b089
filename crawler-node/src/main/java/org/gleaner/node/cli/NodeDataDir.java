package org.gleaner.node.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.gleaner.protocol.io.AtomicFiles;

/**
 * A node's data directory: its key ({@code node.key}), the status page's token and port, and a lock so that
 * two nodes never run from one directory. The directory and every secret in it are owner-only.
 */
public final class NodeDataDir implements AutoCloseable {
    static final String KEY = "node.key";
    static final String TOKEN = "status.token";
    static final String PORT = "status.port";
    static final String COUNTERS = "counters.json";
    private static final int MAX_COUNTERS_BYTES = 256 * 1024;
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private FileChannel lockChannel;
    private FileLock lock;

    public NodeDataDir(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    public Path path() {
        return dir;
    }

    public Path keyFile() {
        return dir.resolve(KEY);
    }

    /** Creates the directory owner-only and takes its lock; fails if another node holds it. */
    public void open() throws IOException {
        if (!Files.isDirectory(dir)) {
            if (posix()) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectories(dir);
            }
        }
        lockChannel = FileChannel.open(dir.resolve("node.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockChannel.tryLock();
        if (lock == null) {
            lockChannel.close();
            throw new IOException("another node is running from " + dir);
        }
    }

    /** The status page's token: created on first use, 32 random bytes in hex, owner-only. */
    public String statusToken() throws IOException {
        Path file = dir.resolve(TOKEN);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        AtomicFiles.writeOwnerOnly(file, token);
        return token;
    }

    public void writePort(int port) throws IOException {
        AtomicFiles.writeOwnerOnly(dir.resolve(PORT), Integer.toString(port));
    }

    public void clearPort() throws IOException {
        Files.deleteIfExists(dir.resolve(PORT));
    }

    /** The totals the node saved when it last stopped or finished a lease; none on a first run. */
    public org.gleaner.node.NodeCounters counters() throws IOException {
        Path file = dir.resolve(COUNTERS);
        if (!Files.exists(file)) {
            return org.gleaner.node.NodeCounters.NONE;
        }
        if (Files.size(file) > MAX_COUNTERS_BYTES) {
            throw new IOException(file + " is over " + MAX_COUNTERS_BYTES + " bytes; move it away to start counting afresh");
        }
        try {
            return JSON.readValue(Files.readAllBytes(file), org.gleaner.node.NodeCounters.class);
        } catch (tools.jackson.core.JacksonException | IllegalArgumentException e) {
            throw new IOException(file + " is malformed (" + e.getClass().getSimpleName()
                    + "); move it away to start counting afresh");
        }
    }

    /** Replaces the saved totals atomically, so a crash leaves the old or the new file, never half of one. */
    public void writeCounters(org.gleaner.node.NodeCounters counters) throws IOException {
        AtomicFiles.writeOwnerOnly(dir.resolve(COUNTERS), JSON.writeValueAsString(counters));
    }

    /** The port and token of the node running from this directory, if one is. */
    public static Endpoint endpoint(Path dir) throws IOException {
        Path port = dir.resolve(PORT);
        Path token = dir.resolve(TOKEN);
        if (!Files.exists(port) || !Files.exists(token)) {
            throw new IOException("no node is running from " + dir.toAbsolutePath() + " (no " + PORT + ")");
        }
        String text = Files.readString(port, StandardCharsets.US_ASCII).trim();
        if (!text.matches("\\d{1,5}")) {
            throw new IOException(PORT + " in " + dir + " is not a port number");
        }
        return new Endpoint(Integer.parseInt(text), Files.readString(token, StandardCharsets.US_ASCII).trim());
    }

    public record Endpoint(int port, String token) {
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    @Override
    public void close() throws IOException {
        if (lock != null) {
            lock.release();
        }
        if (lockChannel != null) {
            lockChannel.close();
        }
    }
}
