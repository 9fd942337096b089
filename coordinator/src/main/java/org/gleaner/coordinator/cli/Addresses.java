package org.gleaner.coordinator.cli;

import java.net.InetSocketAddress;
import picocli.CommandLine;

/** host:port options of the coordinator's commands. */
final class Addresses {
    private Addresses() {
    }

    static InetSocketAddress parse(CommandLine.Model.CommandSpec spec, String value, String option) {
        int colon = value.lastIndexOf(':');
        try {
            if (colon < 1) {
                throw new NumberFormatException();
            }
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(value.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be host:port, got " + value);
        }
    }
}
