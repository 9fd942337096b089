package org.gleaner.builder.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The one place where {@code gleaner builder serve} starts the dataset API for labs (package
 * {@code org.gleaner.builder.api}, written on another branch). Until that package is merged, it says so; after the
 * merge, replace the body with the API server's start call over {@code root}.
 */
final class LabApiHook {
    private LabApiHook() {
    }

    static void start(Path root, PrintStream progress) {
        progress.println("gleaner builder serve: the dataset API for labs is not part of this build; serving files only on disk under " + root);
    }
}
