package org.gleaner.devnet.subjects;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gleaner.ledger.cli.ConsentCommand;
import picocli.CommandLine;

/** Runs one {@code gleaner consent ...} command in-process, exactly as a subject would type it. */
final class ConsentCli {
    private ConsentCli() {
    }

    /** What the command printed; it exited 0. */
    record Output(String text) {
        /** The value printed after {@code label}, e.g. {@code challenge    <id>}. */
        String field(String label) {
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + "\\s+(\\S+)").matcher(text);
            if (!m.find()) {
                throw new IllegalStateException("gleaner consent printed no '" + label + "'");
            }
            return m.group(1);
        }

        /** The ledger entry index printed after {@code label}, as in {@code entry 12} or {@code bound entry 12}. */
        long entryIndex(String label) {
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + "\\s+(?:entry\\s+)?(\\d+)").matcher(text);
            if (!m.find()) {
                throw new IllegalStateException("gleaner consent printed no entry index after '" + label + "'");
            }
            return Long.parseLong(m.group(1));
        }
    }

    static Output run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new ConsentCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        if (exit != 0) {
            throw new IllegalStateException("gleaner consent " + args[0] + " failed: " + err.toString().strip());
        }
        return new Output(out.toString());
    }
}
