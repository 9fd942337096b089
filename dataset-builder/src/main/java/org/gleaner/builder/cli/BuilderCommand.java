package org.gleaner.builder.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gleaner builder}: the dataset builder, once or as a service. */
@Command(name = "builder", mixinStandardHelpOptions = true,
        description = "The dataset builder: one build (run), the long-running service (serve), or a retention sweep (sweep).",
        subcommands = {BuilderRunCommand.class, BuilderServeCommand.class, BuilderSweepCommand.class})
public final class BuilderCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
