package org.gleaner.protocol.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * A small settings file read strictly: a regular file, at most a given size (so a wrong path, a log or a dump, is
 * never read into memory), UTF-8 only. Failures are one-line {@link Unreadable} messages naming the file.
 */
public final class BoundedTextFile {
    private BoundedTextFile() {
    }

    /** The file is missing, too large, not UTF-8 or cannot be read; the message is one line. */
    public static final class Unreadable extends IOException {
        Unreadable(String message) {
            super(message);
        }
    }

    /**
     * The file's text.
     *
     * @param kind what the file is, for messages ("configuration file", "Kafka client config file")
     */
    public static String read(Path file, long maxBytes, String kind) throws Unreadable {
        try {
            if (!Files.isRegularFile(file)) {
                throw new Unreadable("no such " + kind + ": " + file);
            }
            if (Files.size(file) > maxBytes) {
                throw new Unreadable(file + ": larger than " + maxBytes / 1024 + " KiB; is this a " + kind + "?");
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new Unreadable("no such " + kind + ": " + file);
        } catch (CharacterCodingException e) {
            throw new Unreadable(file + ": not UTF-8 text");
        } catch (Unreadable e) {
            throw e;
        } catch (IOException e) {
            throw new Unreadable(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Whether group or others may read the file (false where the file system has no POSIX permissions). */
    public static boolean readableByOthers(Path file) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
        return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ);
    }
}
