package org.gleaner.bench.builder;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared test data ({@code ../shared/testdata} beside the checkout) by walking up from here. */
final class TestData {
    private TestData() {}

    static Path locate() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve("../shared/testdata").normalize();
            if (Files.isDirectory(candidate.resolve("extraction-eval"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("../shared/testdata not found above " + dir);
    }
}
