package org.gleaner.ledger.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.gleaner.ledger.entry.EntrySigner;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.crypto.KeyFileException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** Options every subject command shares: the subject's key file and the ledger's URL, and its output. */
final class SubjectOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--key", description = "the subject's private key file (default: ${DEFAULT-VALUE})",
            defaultValue = "${user.home}/.gleaner/consent.key")
    Path keyFile;

    @Option(names = "--ledger", description = "the ledger service URL (default: ${DEFAULT-VALUE})",
            defaultValue = "http://127.0.0.1:8472")
    String ledgerUrl;

    CommandLine commandLine() {
        return command.commandLine();
    }

    PrintWriter out() {
        return command.commandLine().getOut();
    }

    LedgerClient client() {
        return new LedgerClient(ledgerUrl);
    }

    Ed25519KeyPair key() throws IOException, KeyFileException {
        return Ed25519KeyPair.load(keyFile);
    }

    String keyHex() throws IOException, KeyFileException {
        return Bytes.of(key().publicKey().bytes()).hex();
    }

    /** A signer bound to the ledger's origin, which the ledger reports. */
    EntrySigner signer(LedgerClient client) throws IOException, KeyFileException {
        JsonNode keys = client.get("v1/keys");
        return new EntrySigner(key(), keys.path("origin").asString());
    }
}
