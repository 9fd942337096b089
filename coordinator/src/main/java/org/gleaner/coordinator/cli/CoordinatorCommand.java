package org.gleaner.coordinator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gleaner coordinator}: run the coordinator service. */
@Command(name = "coordinator", mixinStandardHelpOptions = true,
        description = "The coordinator: frontier, leases, verified contributions and reward epochs.",
        subcommands = {CoordinatorServeCommand.class, CoordinatorServeSharedCommand.class})
public final class CoordinatorCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
