package org.gleaner.builder.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gleaner.builder.consent.ledger.HttpLedgerClient;
import org.gleaner.builder.consent.ledger.LedgerCommitmentMapper;
import org.gleaner.builder.consent.ledger.LedgerConsentSource;
import org.gleaner.ledger.state.LedgerPolicy;
import org.gleaner.protocol.kafka.KafkaConnection;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.note.NoteVerifier;
import picocli.CommandLine.Option;

/** The consent ledger a build reads: its REST URL, its checkpoint key (the trust anchor) and its topic. */
public final class LedgerOptions {
    @Option(names = "--ledger", paramLabel = "URL",
            description = "The ledger service. Without it no ledger is read: every identifier is treated as unlicensed.")
    URI url;

    @Option(names = "--ledger-key", paramLabel = "VERIFIER_KEY",
            description = "The ledger's checkpoint verifier key (C2SP form, from `gleaner ledger serve`); required with --ledger.")
    String key;

    @Option(names = "--ledger-topic", defaultValue = "gleaner.ledger", paramLabel = "TOPIC", description = "Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--ledger-token-file", paramLabel = "FILE",
            description = "File holding the bearer token for the ledger's commitment lookups (never on the command line).")
    Path tokenFile;

    @Option(names = "--coordinator-key", paramLabel = "HEX",
            description = "A coordinator key whose reward-root entries the ledger accepts (repeatable); the view verifies every entry.")
    List<String> coordinatorKeys = new java.util.ArrayList<>();

    boolean configured() {
        return url != null;
    }

    /** The ledger client and the builder's view of the ledger. @throws IllegalArgumentException one-line reason */
    Ledger open(KafkaConnection kafka) throws Exception {
        if (key == null) {
            throw new IllegalArgumentException("--ledger-key is required with --ledger");
        }
        NoteVerifier anchor = NoteVerifier.parse(key);
        String token = null;
        if (tokenFile != null) {
            if (Files.size(tokenFile) > 512) {
                throw new IllegalArgumentException("--ledger-token-file is larger than a token (512 bytes)");
            }
            token = Files.readString(tokenFile).strip();
        }
        HttpLedgerClient client = new HttpLedgerClient(url, token);
        HttpLedgerClient.LedgerKeys keys = client.keys();
        if (!keys.checkpointVerifierKey().equals(anchor.encode())) {
            throw new IllegalArgumentException("the ledger at " + url + " signs with another key than --ledger-key");
        }
        Set<Bytes> coordinators = new HashSet<>();
        for (String hex : coordinatorKeys) {
            coordinators.add(Bytes.fromHex(hex));
        }
        LedgerPolicy policy = new LedgerPolicy(keys.origin(), Set.of(Bytes.fromHex(keys.identityVerifierKey())), coordinators,
                Duration.ofMinutes(5));
        LedgerConsentSource source = new LedgerConsentSource(policy, anchor, kafka.bootstrapServers(), topic, kafka.settings().asMap(), client, Clock.systemUTC());
        return new Ledger(source, new LedgerCommitmentMapper(client));
    }

    record Ledger(LedgerConsentSource source, LedgerCommitmentMapper commitments) {
    }
}
