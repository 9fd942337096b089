package org.gleaner.builder.manifest;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gleaner datasets}: commands on published dataset versions. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "Commands on published dataset versions.",
        subcommands = {VerifyDatasetCommand.class, org.gleaner.builder.pull.PullDatasetCommand.class,
            org.gleaner.builder.pull.DatasetDeltasCommand.class, org.gleaner.builder.api.LabKeyCommand.class,
            org.gleaner.builder.api.ServeDatasetsCommand.class})
public final class DatasetsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
