package org.gleaner.protocol.merkle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Locates {@code shared/testdata/<name>}, which lives beside the checkout ({@code ../shared/testdata}
 * from the repository root), by walking up from the working directory. Missing data fails the test.
 */
public final class SharedTestData {
    private SharedTestData() {
    }

    public static Path find(String name) {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("shared/testdata").resolve(name),
                    dir.resolve("../shared/testdata").resolve(name))) {
                if (Files.isDirectory(candidate)) {
                    return candidate.normalize();
                }
            }
        }
        throw new AssertionError("shared/testdata/" + name + " not found above " + start);
    }
}
