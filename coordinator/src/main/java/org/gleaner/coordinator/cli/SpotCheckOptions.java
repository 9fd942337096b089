package org.gleaner.coordinator.cli;

import java.time.Duration;
import org.gleaner.coordinator.CoordinatorConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The spot-check settings both coordinator serve commands take. */
final class SpotCheckOptions {
    @Option(names = "--spot-check-bound-seconds", defaultValue = "120",
            description = "How long a node drawn to check or arbitrate a page has to answer before another is drawn, and how long a check may wait for anyone to draw before it is recorded as unjudged (0-86400, default: ${DEFAULT-VALUE}).")
    long spotCheckBoundSeconds;

    /** {@code config} with these settings. @throws CommandLine.ParameterException for a bound out of range */
    CoordinatorConfig applyTo(CoordinatorConfig config, CommandLine.Model.CommandSpec spec) {
        if (spotCheckBoundSeconds < 0 || spotCheckBoundSeconds > 86_400) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--spot-check-bound-seconds must be between 0 and 86400");
        }
        return config.withSpotCheckBound(Duration.ofSeconds(spotCheckBoundSeconds));
    }
}
