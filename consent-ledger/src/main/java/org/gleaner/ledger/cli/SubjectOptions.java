package org.gleaner.ledger.cli;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.gleaner.ledger.binding.ChallengeRequest;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.ledger.IdentifierKind;
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
    private static final SecureRandom RANDOM = new SecureRandom();

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

    /** The body of a challenge start: the request's fields, signed by the subject key for the ledger's origin. */
    Map<String, Object> signedChallengeRequest(LedgerClient client, IdentifierKind kind, String identifier)
            throws IOException, KeyFileException {
        Ed25519KeyPair key = key();
        byte[] nonce = new byte[FieldSizes.NONCE];
        RANDOM.nextBytes(nonce);
        ChallengeRequest request = new ChallengeRequest(kind, identifier, Bytes.of(key.publicKey().bytes()),
                System.currentTimeMillis(), Bytes.of(nonce));
        Signed<ChallengeRequest> signed = Signed.sign(request, client.get("v1/keys").path("origin").asString(), key);
        return Map.of("subjectKey", request.subjectKey().hex(), "identifier", identifier,
                "timestampMillis", request.timestampMillis(), "nonce", request.nonce().hex(),
                "signature", Base64.getEncoder().encodeToString(signed.signature().toArray()));
    }

    /** A signer bound to the ledger's origin, which the ledger reports. */
    EntrySigner signer(LedgerClient client) throws IOException, KeyFileException {
        JsonNode keys = client.get("v1/keys");
        return new EntrySigner(key(), keys.path("origin").asString());
    }
}
