package org.gleaner.builder.pull;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gleaner.protocol.note.NoteKeyException;
import org.gleaner.protocol.note.NoteVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gleaner datasets pull NAME --to DIR ...}: downloads and verifies one dataset version, and its deletion deltas. */
@Command(name = "pull",
        description = {"Downloads a dataset version from a dataset API into DIR/NAME/vVERSION: the manifest's signature "
                + "is checked against the pinned builder key before any file is fetched, every file's size and SHA-256 "
                + "as it arrives and the Parquet row counts at the end; the version appears in DIR in one rename. "
                + "An interrupted pull resumes where it stopped (HTTP Range).",
                "Progress goes to stderr. Exit status: 0 pulled, 1 refused or failed (one-line reason), 2 bad arguments."})
public final class PullDatasetCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The dataset's name.")
    String dataset;

    // No standard help mixin: its -V/--version would take the --version this command needs for dataset versions.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", paramLabel = "V", defaultValue = DatasetPuller.LATEST,
            description = "The version to pull, or 'latest' (the newest not superseded). Default: ${DEFAULT-VALUE}.")
    String version;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "Where to put NAME/vVERSION.")
    Path to;

    @Option(names = "--api", required = true, paramLabel = "URL", description = "The dataset API, e.g. http://127.0.0.1:8480.")
    URI api;

    @Option(names = "--lab-key", required = true, paramLabel = "FILE", description = "A file holding this lab's key (glk_...).")
    Path labKey;

    @Option(names = "--builder-key", required = true, paramLabel = "FILE",
            description = "A file holding the builder's note verifier key, pinned out of band.")
    Path builderKey;

    @Option(names = "--apply-deltas", description = "Also fetch and verify the deletion deltas for this version into DIR/NAME/deltas.")
    boolean deltas;

    private final PrintStream out;
    private final PrintStream err;

    public PullDatasetCommand() {
        this(System.out, System.err);
    }

    PullDatasetCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        PullArguments args;
        try {
            args = PullArguments.read(api, labKey, builderKey);
        } catch (IllegalArgumentException e) {
            err.println("gleaner datasets pull: " + e.getMessage());
            return 2;
        }
        if (!version.equals(DatasetPuller.LATEST) && !version.matches("[0-9A-Za-z][0-9A-Za-z._-]{0,63}")) {
            err.println("gleaner datasets pull: --version must be a version name or 'latest'");
            return 2;
        }
        if (!dataset.matches("[a-z0-9][a-z0-9._-]{0,127}")) {
            err.println("gleaner datasets pull: NAME must match [a-z0-9][a-z0-9._-]{0,127}");
            return 2;
        }
        try {
            DatasetPuller.Pulled pulled = new DatasetPuller(args.client(), args.builderKey(), this::progress).pull(dataset, version, to);
            out.printf("pulled %s v%s into %s: %d files, %d rows, verified with %s%n", dataset, pulled.manifest().version(),
                    pulled.dir(), pulled.manifest().files().size(), pulled.manifest().rows(), args.builderKey().name());
            if (deltas) {
                List<DeltaPuller.VerifiedDelta> verified = new DeltaPuller(args.client(), args.builderKey(), this::progress)
                        .pull(dataset, pulled.manifest().version(), to);
                out.printf("deletion deltas for v%s: %d verified into %s%n", pulled.manifest().version(), verified.size(),
                        to.resolve(dataset).resolve("deltas"));
            }
            return 0;
        } catch (PullException e) {
            err.println("gleaner datasets pull: FAILED (" + e.reason() + "): " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("gleaner datasets pull: FAILED (I/O): " + e.getMessage());
            return 1;
        }
    }

    private void progress(String line) {
        err.println("gleaner datasets pull: " + line);
    }

    /** The options every command that calls the dataset API shares, read and checked once. */
    record PullArguments(DatasetApiClient client, NoteVerifier builderKey) {
        static PullArguments read(URI api, Path labKeyFile, Path builderKeyFile) {
            String key = readSmall(labKeyFile, "--lab-key");
            if (!key.startsWith("glk_") || key.length() > 256 || key.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("--lab-key " + labKeyFile + " does not hold a lab key (glk_...)");
            }
            NoteVerifier verifier;
            try {
                verifier = NoteVerifier.parse(readSmall(builderKeyFile, "--builder-key"));
            } catch (NoteKeyException e) {
                throw new IllegalArgumentException("--builder-key " + builderKeyFile + " is not a note verifier key: " + e.getMessage());
            }
            try {
                return new PullArguments(new DatasetApiClient(api, key), verifier);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--api: " + e.getMessage());
            }
        }

        private static String readSmall(Path file, String option) {
            try {
                if (Files.size(file) > 4096) {
                    throw new IllegalArgumentException(option + " " + file + " is larger than a key file");
                }
                return Files.readString(file).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException(option + " " + file + " cannot be read");
            }
        }
    }
}
