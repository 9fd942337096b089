package org.gleaner.cli;

import picocli.CommandLine;

/** A command that failed at run time: one line with the reason, exit code 1; the stack trace only with GLEANER_DEBUG. */
final class OneLineFailures implements CommandLine.IExecutionExceptionHandler {
    private final Redaction redaction;

    OneLineFailures(Redaction redaction) {
        this.redaction = redaction;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        String reason = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        commandLine.getErr().println(redaction.apply("gleaner " + commandLine.getCommandName() + ": " + reason));
        if (System.getenv("GLEANER_DEBUG") != null) {
            ex.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().flush();
        return 1;
    }
}
