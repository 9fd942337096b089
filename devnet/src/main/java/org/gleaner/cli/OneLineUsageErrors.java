package org.gleaner.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Bad input: one line saying what is wrong and where to get help, exit code 2. */
final class OneLineUsageErrors implements CommandLine.IParameterExceptionHandler {
    private final Redaction redaction;

    OneLineUsageErrors(Redaction redaction) {
        this.redaction = redaction;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        err.println(redaction.apply("gleaner: " + ex.getMessage() + " (see: "
                + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help)"));
        err.flush();
        return 2;
    }
}
