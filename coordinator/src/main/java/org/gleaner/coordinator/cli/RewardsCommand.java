package org.gleaner.coordinator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gleaner rewards}: the node operator's reward tools. */
@Command(name = "rewards", mixinStandardHelpOptions = true,
        description = "Reward statements: check what the coordinator says a node earned.",
        subcommands = {RewardsVerifyCommand.class})
public final class RewardsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
