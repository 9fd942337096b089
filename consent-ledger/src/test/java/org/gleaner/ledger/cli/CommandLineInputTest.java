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
        assertThat(run(new LedgerCommand(), "serve", "--help")[1]).contains("--data-dir").contains("--datasets-url");
        assertThat(run(new ConsentCommand(), "bind", "--help")[1]).contains("--social");
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
        String[] badDatasets = run(new LedgerCommand(), "serve", "--datasets-url", "ftp://builder", "--port", "0");
        assertThat(badDatasets[0]).isEqualTo("2");
        assertThat(badDatasets[2]).contains("--datasets-url must be an http or https URL");
        String[] missingToken = run(new LedgerCommand(), "serve", "--datasets-token-file", "/no/such/token", "--port", "0");
        assertThat(missingToken[0]).isEqualTo("2");
        assertThat(missingToken[2]).contains("--datasets-token-file is not a readable file");
        String[] badChallenge = run(new ConsentCommand(), "bind", "--complete", "../../v1/entries", "--ledger", "http://127.0.0.1:9");
        assertThat(badChallenge[0]).isEqualTo("2");
        assertThat(badChallenge[2]).contains("--complete takes the challenge id");
        String[] badKind = run(new ConsentCommand(), "bind", "--complete", "abc", "--kind", "fax", "--ledger", "http://127.0.0.1:9");
        assertThat(badKind[0]).isEqualTo("2");
        assertThat(badKind[2]).contains("--kind must be domain, email, phone or social");
        String[] noCode = run(new ConsentCommand(), "bind", "--complete", "abc", "--kind", "phone", "--ledger", "http://127.0.0.1:9");
        assertThat(noCode[0]).isEqualTo("2");
        assertThat(noCode[2]).contains("--code is needed to complete a phone challenge");
    }
}
