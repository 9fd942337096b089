package org.gleaner.ledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Bad input exits non-zero with a one-line reason, before anything reaches a ledger. */
class CommandLineInputTest {

    private static String[] run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][] {{"--help"}, {"keygen", "--help"}, {"bind", "--help"}, {"grant", "--help"},
                {"revoke", "--help"}, {"status", "--help"}}) {
            String[] result = run(new ConsentCommand(), args);
            assertThat(result[0]).isEqualTo("0");
            assertThat(result[1]).contains("Usage: consent");
        }
        assertThat(run(new LedgerCommand(), "verify", "--help")[1]).contains("--ledger-key");
        assertThat(run(new LedgerCommand(), "serve", "--help")[1]).contains("--data-dir");
    }

    @Test
    void refusesMissingOrMalformedArguments() {
        assertThat(run(new ConsentCommand(), "grant")[0]).isEqualTo("2");
        assertThat(run(new ConsentCommand(), "grant")[2]).contains("--purpose");
        String[] badGrant = run(new ConsentCommand(), "revoke", "--grant", "not-hex", "--ledger", "http://127.0.0.1:9");
        assertThat(badGrant[0]).isEqualTo("2");
        assertThat(badGrant[2]).contains("64 lowercase hex digits");
        assertThat(run(new ConsentCommand(), "bind", "--domain", "a.example", "--email", "x@a.example")[0]).isEqualTo("2");
        assertThat(run(new LedgerCommand(), "verify", "--ledger-key", "garbage")[0]).isEqualTo("2");
        String[] badCoordinator = run(new LedgerCommand(), "serve", "--coordinator-key", "abc", "--port", "0");
        assertThat(badCoordinator[0]).isEqualTo("2");
        assertThat(badCoordinator[2]).contains("--coordinator-key must be 64 hex digits");
        assertThat(run(new LedgerCommand(), "serve", "--port", "70000")[0]).isEqualTo("2");
    }
}
