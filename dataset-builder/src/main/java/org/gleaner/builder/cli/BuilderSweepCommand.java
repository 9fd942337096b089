package org.gleaner.builder.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.gleaner.builder.retention.RetentionPolicy;
import org.gleaner.builder.retention.SupersededSweeper;
import org.gleaner.builder.retention.SweepResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gleaner builder sweep}: applies the retention policy to one dataset's superseded versions once. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Removes the data files of superseded versions of DATASET under ROOT once they were superseded "
                + "more than --keep-days ago and are not among the --keep-last most recently superseded. Their signed "
                + "manifests, signatures, cards and superseded.json stay; live versions are never touched. "
                + "Do not run it while `gleaner builder serve` runs on the same dataset (serve sweeps hourly itself).",
                "Exit status: 0 done, 1 failed (one-line reason), 2 bad arguments."})
public final class BuilderSweepCommand implements Callable<Integer> {
    @Option(names = "--root", required = true, paramLabel = "DIR", description = "The datasets' root directory.")
    Path root;

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "The dataset.")
    String dataset;

    @Option(names = "--keep-days", defaultValue = "30", paramLabel = "N",
            description = "Keep superseded versions' files this many days after they were superseded. Default: ${DEFAULT-VALUE}.")
    long keepDays;

    @Option(names = "--keep-last", defaultValue = "2", paramLabel = "K",
            description = "Always keep the K most recently superseded versions' files. Default: ${DEFAULT-VALUE}.")
    int keepLast;

    private final PrintStream out;
    private final PrintStream err;

    public BuilderSweepCommand() {
        this(System.out, System.err);
    }

    BuilderSweepCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        RetentionPolicy policy;
        try {
            policy = RetentionPolicy.of(keepDays, keepLast);
        } catch (IllegalArgumentException e) {
            err.println("gleaner builder sweep: " + e.getMessage());
            return 2;
        }
        if (dataset == null || !dataset.matches("[a-z0-9][a-z0-9._-]{0,127}")) {
            err.println("gleaner builder sweep: --dataset is not a dataset name");
            return 2;
        }
        Path dir = root.resolve(dataset);
        if (!Files.isDirectory(dir)) {
            err.println("gleaner builder sweep: no dataset directory " + dir);
            return 2;
        }
        try {
            err.println("gleaner builder sweep: checking superseded versions of " + dataset + " in " + root);
            SweepResult r = new SupersededSweeper(dir, policy, Clock.systemUTC()).sweep();
            out.printf("%s: removed %d data file(s), %d bytes, of %d superseded version(s)%s; kept %d superseded version(s)%n",
                    dataset, r.filesRemoved(), r.bytesRemoved(), r.sweptVersions().size(),
                    r.sweptVersions().isEmpty() ? "" : " (v" + String.join(", v", r.sweptVersions()) + ")",
                    r.keptVersions().size());
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("gleaner builder sweep: FAILED: " + e.getMessage());
            return 1;
        }
    }
}
