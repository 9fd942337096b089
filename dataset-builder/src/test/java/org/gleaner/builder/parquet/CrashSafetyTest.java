package org.gleaner.builder.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.gleaner.protocol.io.AtomicFiles;
import org.gleaner.builder.testing.TestPages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer process killed mid-file leaves nothing under the final name, and the next attempt cleans up. */
class CrashSafetyTest {
    @TempDir
    Path dir;

    @Test
    void aProcessKilledWhileWritingLeavesNoFileUnderTheFinalName() throws Exception {
        Path target = dir.resolve("ds/v1/part-00000.parquet");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                CrashingWriter.class.getName(), target.toString(), "2000")
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as(output).isEqualTo(137);
        assertThat(output).contains("WRITTEN 2000");
        assertThat(target).doesNotExist();
        List<Path> leftovers = list(target.getParent());
        assertThat(leftovers).singleElement().satisfies(temp -> {
            assertThat(AtomicFiles.isTemporary(temp)).isTrue();
            assertThat(Files.size(temp)).as("row groups already flushed").isPositive();
        });

        WrittenFile retry = new ParquetDatasetWriter().write(target, IntStream.range(0, 3).mapToObj(TestPages::row).toList());

        assertThat(retry.rows()).isEqualTo(3);
        assertThat(list(target.getParent())).containsExactly(target.toAbsolutePath());
        assertThat(ParquetDatasetWriterTest.readAll(target)).hasSize(3);
    }

    private static List<Path> list(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(Path::toAbsolutePath).toList();
        }
    }
}
