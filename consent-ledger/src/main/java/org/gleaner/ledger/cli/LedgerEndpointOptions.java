package org.gleaner.ledger.cli;

import org.gleaner.protocol.note.NoteKeyException;
import org.gleaner.protocol.note.NoteVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options of the commands that audit a ledger from outside: its URL and its checkpoint verifier key. */
final class LedgerEndpointOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--ledger", description = "the ledger service URL (default: ${DEFAULT-VALUE})", defaultValue = "http://127.0.0.1:8472")
    String ledgerUrl;

    @Option(names = "--ledger-key", required = true, description = "the ledger's checkpoint verifier key (C2SP vkey: name+id+key)")
    String ledgerKey;

    LedgerClient client() {
        return new LedgerClient(ledgerUrl);
    }

    /** The parsed {@code --ledger-key}; a malformed key is a usage error. */
    NoteVerifier verifier() {
        try {
            return NoteVerifier.parse(ledgerKey);
        } catch (NoteKeyException e) {
            throw new CommandLine.ParameterException(command.commandLine(), "--ledger-key: " + e.getMessage());
        }
    }
}
