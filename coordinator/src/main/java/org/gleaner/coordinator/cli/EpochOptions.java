package org.gleaner.coordinator.cli;

import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The reward epoch length both coordinator serve commands take. */
final class EpochOptions {
    private static final long MAX_MINUTES = 7 * 24 * 60;

    @Option(names = "--epoch-minutes", defaultValue = "60",
            description = "Reward epoch length in minutes; with several instances, the one owning frontier partition 0 closes them (default: ${DEFAULT-VALUE}).")
    long epochMinutes;

    /** The epoch length. @throws CommandLine.ParameterException outside 1 minute to 7 days */
    Duration length(CommandLine.Model.CommandSpec spec) {
        if (epochMinutes < 1 || epochMinutes > MAX_MINUTES) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--epoch-minutes must be between 1 and " + MAX_MINUTES);
        }
        return Duration.ofMinutes(epochMinutes);
    }
}
