package org.gleaner.builder.manifest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.gleaner.builder.revocation.DeletionDelta;
import org.gleaner.builder.revocation.DeltaException;
import org.gleaner.builder.revocation.DeltaVerifier;
import org.gleaner.protocol.note.NoteKeyException;
import org.gleaner.protocol.note.NoteVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gleaner datasets verify PATH --key KEY}: checks a dataset version's signed manifest and every file, or a
 * signed deletion delta, or every delta of a dataset.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks a dataset version directory: manifest.json.sig is a signed note by KEY over "
                + "manifest.json, and every file manifest.json names has the listed size, SHA-256 and row count.",
                "Given a deletion delta (DATASET/deltas/delta-NNNNNN.json) or the deltas directory, checks each delta's "
                + "signature (.sig beside it) and that each compacted version it names has exactly the manifest it names.",
                "Progress goes to stderr. Exit status: 0 verified, 1 verification failed, 2 bad arguments."})
public final class VerifyDatasetCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH", description = "A dataset version directory (holds manifest.json), "
            + "a delta file (deltas/delta-NNNNNN.json) or a dataset's deltas directory.")
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
        if (Files.isRegularFile(dir) || (Files.isDirectory(dir) && dir.getFileName() != null
                && dir.getFileName().toString().equals(DeletionDelta.DIR_NAME))) {
            return verifyDeltas(verifier);
        }
        if (!Files.isDirectory(dir)) {
            err.println("gleaner datasets verify: not a directory or delta file: " + dir);
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

    private int verifyDeltas(NoteVerifier verifier) {
        List<Path> files = new ArrayList<>();
        try {
            if (Files.isRegularFile(dir)) {
                files.add(dir);
            } else {
                try (Stream<Path> list = Files.list(dir)) {
                    list.filter(p -> p.getFileName().toString().matches("delta-[0-9]{6}\\.json")).sorted().forEach(files::add);
                }
            }
            if (files.isEmpty()) {
                err.println("gleaner datasets verify: no delta-NNNNNN.json in " + dir);
                return 2;
            }
            DeltaVerifier deltas = new DeltaVerifier(verifier);
            for (Path f : files) {
                err.println("gleaner datasets verify: checking " + f.getFileName());
                DeletionDelta d = deltas.verify(f);
                out.printf("verified %s delta %d: %d revoked grant(s), %d rows removed and %d re-redacted in %d version(s) "
                        + "as of ledger size %d, signed by %s%n", d.dataset(), d.sequence(), d.revokedGrantIds().size(),
                        d.removedRows(), d.redactedRows(), d.versions().size(), d.checkpoint().treeSize(), verifier.name());
            }
            return 0;
        } catch (DeltaException e) {
            err.println("gleaner datasets verify: FAILED (" + e.reason() + "): " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("gleaner datasets verify: FAILED (I/O): " + e.getMessage());
            return 1;
        }
    }
}
