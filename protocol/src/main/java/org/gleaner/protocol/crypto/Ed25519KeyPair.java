package org.gleaner.protocol.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 identity: the 32-byte RFC 8032 private key (the seed) and its public key.
 *
 * <p>Key file format (US-ASCII, exactly two lines, each ending in a line feed):
 * <pre>
 * gleaner-ed25519-private-key v1
 * &lt;standard base64 (RFC 4648 §4, padded) of the 32-byte seed&gt;
 * </pre>
 * {@link #save} creates the file with owner-only permissions ({@code rw-------}) set atomically at
 * creation and never overwrites an existing file. {@link #load} refuses a file that group or other users
 * can read, write or execute. On file systems without POSIX permissions neither is enforced.
 *
 * <p>{@link #toString()} never shows the private key.
 */
public final class Ed25519KeyPair {
    static final String FILE_HEADER = "gleaner-ed25519-private-key v1";
    public static final int SEED_LENGTH = 32;

    private static final int MAX_FILE_BYTES = 1024;
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] seed;
    private final byte[] publicBytes;
    private final Ed25519PublicKey publicKey;

    private Ed25519KeyPair(byte[] seed) {
        this.seed = seed;
        this.publicBytes = new byte[Ed25519PublicKey.LENGTH];
        Ed25519.generatePublicKey(seed, 0, publicBytes, 0);
        try {
            this.publicKey = Ed25519PublicKey.fromBytes(publicBytes);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("derived an invalid Ed25519 public key", e);
        }
    }

    /** A new key pair from {@link SecureRandom}. */
    public static Ed25519KeyPair generate() {
        byte[] seed = new byte[SEED_LENGTH];
        RANDOM.nextBytes(seed);
        return new Ed25519KeyPair(seed);
    }

    /** The key pair for a 32-byte RFC 8032 private key. The array is copied. */
    public static Ed25519KeyPair fromSeed(byte[] seed) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != SEED_LENGTH) {
            throw new IllegalArgumentException("Ed25519 seed must be " + SEED_LENGTH + " bytes");
        }
        return new Ed25519KeyPair(seed.clone());
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /** The 64-byte RFC 8032 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        Objects.requireNonNull(message, "message");
        byte[] signature = new byte[Ed25519PublicKey.SIGNATURE_LENGTH];
        Ed25519.sign(seed, 0, publicBytes, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    /** A copy of the secret 32-byte seed, for encoders of other key formats. Handle with care. */
    public byte[] exportSeed() {
        return seed.clone();
    }

    /** Writes the key file; fails with {@link FileAlreadyExistsException} rather than replace a file. */
    public void save(Path path) throws IOException {
        byte[] content = (FILE_HEADER + "\n" + Base64.getEncoder().encodeToString(seed) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        try {
            if (isPosix(path)) {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            } else {
                Files.createFile(path);
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(path);
                throw e;
            }
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /** Reads a key file written by {@link #save}. */
    public static Ed25519KeyPair load(Path path) throws IOException, KeyFileException {
        if (!Files.isRegularFile(path)) {
            if (!Files.exists(path)) {
                throw new NoSuchFileException(path.toString());
            }
            throw new KeyFileException(KeyFileException.Reason.MALFORMED, path + " is not a regular file");
        }
        if (isPosix(path)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                throw new KeyFileException(KeyFileException.Reason.INSECURE_PERMISSIONS,
                        "private key file " + path + " has permissions "
                                + PosixFilePermissions.toString(permissions)
                                + "; it must be accessible by its owner only (chmod 600)");
            }
        }
        if (Files.size(path) > MAX_FILE_BYTES) {
            throw new KeyFileException(KeyFileException.Reason.MALFORMED, path + " is too large for a key file");
        }
        byte[] content = Files.readAllBytes(path);
        try {
            return new Ed25519KeyPair(parse(content, path));
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /**
     * Loads the key file, or generates a key pair and saves it when there is none. Missing parent
     * directories are created owner-only.
     */
    public static Ed25519KeyPair loadOrCreate(Path path) throws IOException, KeyFileException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return load(path);
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            if (isPosix(parent)) {
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            } else {
                Files.createDirectories(parent);
            }
        }
        Ed25519KeyPair generated = generate();
        try {
            generated.save(path);
            return generated;
        } catch (FileAlreadyExistsException raced) {
            // Another process created the identity between our check and our write: use theirs.
            return load(path);
        }
    }

    private static byte[] parse(byte[] content, Path path) throws KeyFileException {
        String text = new String(content, StandardCharsets.US_ASCII);
        String prefix = FILE_HEADER + "\n";
        if (!text.startsWith(prefix) || !text.endsWith("\n")) {
            throw new KeyFileException(KeyFileException.Reason.MALFORMED,
                    path + " is not a Gleaner Ed25519 key file (expected first line '" + FILE_HEADER + "')");
        }
        String encoded = text.substring(prefix.length(), text.length() - 1);
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(KeyFileException.Reason.MALFORMED, path + ": key is not valid base64");
        }
        if (seed.length != SEED_LENGTH || !Base64.getEncoder().encodeToString(seed).equals(encoded)) {
            Arrays.fill(seed, (byte) 0);
            throw new KeyFileException(KeyFileException.Reason.MALFORMED,
                    path + ": key must be the padded base64 of " + SEED_LENGTH + " bytes");
        }
        return seed;
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    @Override
    public String toString() {
        return "Ed25519KeyPair[public=" + publicKey.fingerprint() + "]";
    }
}
