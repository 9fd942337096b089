package org.gleaner.builder.manifest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gleaner.protocol.note.NoteKeyException;
import org.gleaner.protocol.note.NoteVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gleaner datasets verify DIR --key KEY}: checks a dataset version's signed manifest and every file. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks a dataset version directory: manifest.json.sig is a signed note by KEY over "
                + "manifest.json, and every file manifest.json names has the listed size, SHA-256 and row count.",
                "Progress goes to stderr. Exit status: 0 verified, 1 verification failed, 2 bad arguments."})
public final class VerifyDatasetCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The dataset version directory (holds manifest.json).")
    Path dir;

    @Option(names = "--key", required = true, paramLabel = "NOTE_VERIFIER_KEY",
            description = "The builder's note verifier key: <name>+<key id>+<base64 public key>.")
    String key;

    private final PrintStream out;
    private final PrintStream err;

    public VerifyDatasetCommand() {
        this(System.out, System.err);
    }

    VerifyDatasetCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        NoteVerifier verifier;
        try {
            verifier = NoteVerifier.parse(key);
        } catch (NoteKeyException e) {
            err.println("gleaner datasets verify: --key is not a note verifier key: " + e.getMessage());
            return 2;
        }
        if (!Files.isDirectory(dir)) {
            err.println("gleaner datasets verify: not a directory: " + dir);
            return 2;
        }
        try {
            DatasetManifest m = new ManifestVerifier(verifier).verify(dir,
                    file -> err.println("gleaner datasets verify: hashing " + file));
            out.printf("verified %s v%s: %d files, %d rows, signed by %s%n", m.dataset(), m.version(), m.files().size(),
                    m.rows(), verifier.name());
            return 0;
        } catch (ManifestException e) {
            err.println("gleaner datasets verify: FAILED (" + e.reason() + "): " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("gleaner datasets verify: FAILED (I/O): " + e.getMessage());
            return 1;
        }
    }
}
