package org.gleaner.builder.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
