package org.gleaner.protocol.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void temporaryNamesAreHiddenSiblingsAndUnique() {
        Path target = dir.resolve("part-00000.parquet");
        Path a = AtomicFiles.temporarySibling(target);
        Path b = AtomicFiles.temporarySibling(target);

        assertThat(a.getParent()).isEqualTo(dir);
        assertThat(a.getFileName().toString()).startsWith(".part-00000.parquet.").endsWith(".tmp");
        assertThat(a).isNotEqualTo(b);
        assertThat(AtomicFiles.isTemporary(a)).isTrue();
        assertThat(AtomicFiles.isTemporary(target)).isFalse();
    }

    @Test
    void publishMovesTheCompleteFileUnderItsFinalName() throws Exception {
        Path target = dir.resolve("data.bin");
        Path temp = AtomicFiles.temporarySibling(target);
        Files.writeString(temp, "complete");

        AtomicFiles.publish(temp, target);

        assertThat(target).hasContent("complete");
        assertThat(temp).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void publishNeverReplacesAnExistingFile() throws Exception {
        Path target = dir.resolve("data.bin");
        Files.writeString(target, "first");
        Path temp = AtomicFiles.temporarySibling(target);
        Files.writeString(temp, "second");

        assertThatThrownBy(() -> AtomicFiles.publish(temp, target)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(target).hasContent("first");
    }

    @Test
    void theTemporaryFileMustBeInTheTargetsDirectory() throws Exception {
        Path other = Files.createDirectory(dir.resolve("other"));
        Path temp = Files.writeString(other.resolve(".x.tmp"), "x");

        assertThatThrownBy(() -> AtomicFiles.publish(temp, dir.resolve("x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletesOnlyTheStaleTemporariesOfTheSameTarget() throws Exception {
        Path target = dir.resolve("part-00000.parquet");
        Path stale1 = Files.writeString(AtomicFiles.temporarySibling(target), "a");
        Path stale2 = Files.writeString(AtomicFiles.temporarySibling(target), "b");
        Path otherTarget = Files.writeString(AtomicFiles.temporarySibling(dir.resolve("part-00001.parquet")), "c");
        Path published = Files.writeString(dir.resolve("other.parquet"), "d");

        assertThat(AtomicFiles.deleteStaleTemporaries(target)).isEqualTo(2);

        assertThat(stale1).doesNotExist();
        assertThat(stale2).doesNotExist();
        assertThat(otherTarget).exists();
        assertThat(published).exists();
        assertThat(AtomicFiles.deleteStaleTemporaries(dir.resolve("missing/x"))).isZero();
    }

    @Test
    void createsNestedDirectories() throws Exception {
        Path nested = dir.resolve("a/b/c");

        AtomicFiles.createDirectories(nested);
        AtomicFiles.createDirectories(nested);

        assertThat(nested).isDirectory();
    }

    @Test
    void anOwnerOnlyFileIsReadableByTheOwnerOnlyAndReplacesWhatWasThere() throws Exception {
        Path target = dir.resolve("state/token");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "old, world-readable");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(AtomicFiles.writeOwnerOnly(target, "new secret\n")).isEqualTo(target);

        assertThat(target).hasContent("new secret\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void anOwnerOnlyFileCreatesItsDirectories() throws Exception {
        Path target = dir.resolve("a/b/key");

        AtomicFiles.writeOwnerOnly(target, new byte[] {1, 2, 3});

        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }

    @Test
    void aWriteThatFailsPartWayLeavesThePreviousFileWhole() throws Exception {
        Path target = dir.resolve("counters.json");
        AtomicFiles.writeOwnerOnly(target, "{\"pages\":1}");

        assertThatThrownBy(() -> AtomicFiles.writeOwnerOnly(target, out -> {
            out.write("{\"pages\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            throw new java.io.IOException("disk full");
        })).hasMessage("disk full");

        assertThat(target).hasContent("{\"pages\":1}");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no partial or temporary file left").containsExactly(target);
        }
    }

    @Test
    void aCrashedWritersTemporaryIsNeverSeenAndIsClearedByTheNextWrite() throws Exception {
        Path target = dir.resolve("checkpoint");
        Path leftover = AtomicFiles.temporarySibling(target);
        Files.writeString(leftover, "half of a chec");

        assertThat(target).doesNotExist();
        AtomicFiles.writeOwnerOnly(target, "whole checkpoint");

        assertThat(target).hasContent("whole checkpoint");
        assertThat(leftover).doesNotExist();
    }
}
