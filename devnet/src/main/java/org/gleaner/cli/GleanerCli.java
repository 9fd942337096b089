package org.gleaner.cli;

import org.gleaner.builder.cli.BuilderCommand;
import org.gleaner.builder.cli.ExtractCommand;
import org.gleaner.builder.manifest.DatasetsCommand;
import org.gleaner.coordinator.cli.CoordinatorCommand;
import org.gleaner.coordinator.cli.RewardsCommand;
import org.gleaner.devnet.DevnetCommand;
import org.gleaner.ledger.cli.ConsentCommand;
import org.gleaner.ledger.cli.LedgerCommand;
import org.gleaner.node.cli.NodeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one Gleaner program: every user-facing action is a subcommand. */
@Command(name = "gleaner",
        mixinStandardHelpOptions = true,
        versionProvider = GleanerVersion.class,
        description = "Gleaner: a distributed web-crawling data layer with data sovereignty.",
        subcommands = {DevnetCommand.class, NodeCommand.class, CoordinatorCommand.class, RewardsCommand.class,
            ConsentCommand.class, LedgerCommand.class, ExtractCommand.class, DatasetsCommand.class, BuilderCommand.class, CommandLine.HelpCommand.class})
public final class GleanerCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new GleanerCli())
                .setParameterExceptionHandler(new OneLineUsageErrors())
                .setExecutionExceptionHandler(new OneLineFailures())
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
