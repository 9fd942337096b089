package org.gleaner.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gleaner node}: run a crawler node, or look at the one running from a data directory. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run a crawler node that shares your bandwidth, or show the status of a running one.",
        subcommands = {NodeRunCommand.class, NodeStatusCommand.class})
public final class NodeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** For running a node without the rest of the command line (the benchmark starts nodes this way). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new NodeCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
