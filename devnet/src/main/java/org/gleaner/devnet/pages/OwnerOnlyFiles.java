package org.gleaner.devnet.pages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Secrets of the devnet's pages (tokens, lab keys), written readable by the owner only from the first byte. */
final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {
    }

    /** Replaces {@code file} (creating its directory) with {@code text}, mode 600; returns the file. */
    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(
                Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
        return Files.writeString(file, text);
    }
}
