package org.gleaner.builder.pull;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gleaner datasets deltas NAME --since V --to DIR ...}: fetches and verifies the deletion deltas for a held version. */
@Command(name = "deltas", mixinStandardHelpOptions = true,
        description = {"Fetches the deletion deltas a lab holding version V of NAME must apply, checks each signature "
                + "against the pinned builder key and stores them in DIR/NAME/deltas.",
                "Progress goes to stderr. Exit status: 0 done, 1 refused or failed (one-line reason), 2 bad arguments."})
public final class DatasetDeltasCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The dataset's name.")
    String dataset;

    @Option(names = "--since", required = true, paramLabel = "V", description = "The version you hold.")
    String since;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "Where NAME/deltas goes.")
    Path to;

    @Option(names = "--api", required = true, paramLabel = "URL", description = "The dataset API.")
    URI api;

    @Option(names = "--lab-key", required = true, paramLabel = "FILE", description = "A file holding this lab's key.")
    Path labKey;

    @Option(names = "--builder-key", required = true, paramLabel = "FILE", description = "A file holding the builder's note verifier key.")
    Path builderKey;

    private final PrintStream out;
    private final PrintStream err;

    public DatasetDeltasCommand() {
        this(System.out, System.err);
    }

    DatasetDeltasCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        PullDatasetCommand.PullArguments args;
        try {
            args = PullDatasetCommand.PullArguments.read(api, labKey, builderKey);
        } catch (IllegalArgumentException e) {
            err.println("gleaner datasets deltas: " + e.getMessage());
            return 2;
        }
        if (!dataset.matches("[a-z0-9][a-z0-9._-]{0,127}") || !since.matches("[0-9A-Za-z][0-9A-Za-z._-]{0,63}")) {
            err.println("gleaner datasets deltas: NAME or --since is not a dataset or version name");
            return 2;
        }
        try {
            List<DeltaPuller.VerifiedDelta> verified = new DeltaPuller(args.client(), args.builderKey(),
                    line -> err.println("gleaner datasets deltas: " + line)).pull(dataset, since, to);
            for (DeltaPuller.VerifiedDelta d : verified) {
                out.printf("delta %d: %d rows removed, %d rows redacted in v%s (compacted: v%s), %s%n", d.sequence(),
                        d.rowIds(), d.redactedRows(), String.join(", v", d.affectedVersions()),
                        String.join(", v", d.compactedVersions()), d.file());
            }
            out.printf("%d deletion deltas for %s v%s verified%n", verified.size(), dataset, since);
            return 0;
        } catch (PullException e) {
            err.println("gleaner datasets deltas: FAILED (" + e.reason() + "): " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("gleaner datasets deltas: FAILED (I/O): " + e.getMessage());
            return 1;
        }
    }
}
