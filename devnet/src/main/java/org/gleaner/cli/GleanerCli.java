package org.gleaner.cli;

import org.gleaner.builder.cli.BuilderCommand;
import org.gleaner.builder.cli.ExtractCommand;
import org.gleaner.cli.config.ConfigException;
import org.gleaner.cli.config.ConfigOption;
import org.gleaner.cli.kafka.KafkaCommand;
import org.gleaner.cli.keys.KeysCommand;
import org.gleaner.cli.topics.TopicsCommand;
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
            ConsentCommand.class, LedgerCommand.class, ExtractCommand.class, DatasetsCommand.class, BuilderCommand.class, TopicsCommand.class, KeysCommand.class, KafkaCommand.class, CommandLine.HelpCommand.class})
public final class GleanerCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return execute(new CommandLine(new GleanerCli()), ConfigOption.SERVICE_COMMANDS, args);
    }

    /** Runs {@code args} on {@code cli}, with {@code --config} on the given service commands and one-line errors. */
    static int execute(CommandLine cli, java.util.List<java.util.List<String>> serviceCommands, String... args) {
        Redaction redaction = new Redaction();
        cli.setParameterExceptionHandler(new OneLineUsageErrors(redaction))
                .setExecutionExceptionHandler(new OneLineFailures(redaction));
        ConfigOption.addTo(cli, serviceCommands);
        ConfigOption.Applied applied;
        try {
            applied = ConfigOption.apply(cli, args);
        } catch (ConfigException e) {
            cli.getErr().println("gleaner: " + e.getMessage());
            cli.getErr().flush();
            return 2;
        }
        redaction.hide(applied.secretValues());
        return cli.execute(applied.args());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
