package org.gleaner.ledger.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.gleaner.ledger.api.LedgerServiceApplication;
import org.gleaner.ledger.audit.AuditFailedException;
import org.gleaner.ledger.audit.LedgerAuditor;
import org.gleaner.ledger.witness.Witness;
import org.gleaner.protocol.cli.OptionalKafkaOptions;
import org.gleaner.protocol.io.AtomicFiles;
import org.gleaner.protocol.kafka.KafkaConnection;
import org.gleaner.protocol.net.Cidr;
import org.gleaner.protocol.note.NoteVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gleaner ledger ...}: run the ledger service and audit it. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Run the consent ledger service, or audit a ledger's history.",
        subcommands = {LedgerCommand.Verify.class, LedgerCommand.WitnessCmd.class, LedgerCommand.Serve.class})
public final class LedgerCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the latest checkpoint's signature and its consistency with the checkpoint saved last time; "
                    + "exits 1 and says why on a rewritten history.")
    public static final class Verify implements Callable<Integer> {
        @Mixin
        LedgerEndpointOptions ledger;

        @Option(names = "--state", description = "where the last verified checkpoint is kept (default: ${DEFAULT-VALUE})",
                defaultValue = "ledger-checkpoint.note")
        Path state;

        @Option(names = "--entries", description = "also download every entry, check its signature and recompute the root")
        boolean entries;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            NoteVerifier verifier = ledger.verifier();
            LedgerAuditor auditor = new LedgerAuditor(verifier);
            LedgerClient client = ledger.client();
            var err = spec.commandLine().getErr();
            try {
                LedgerAuditor.Audited saved = Files.exists(state) ? auditor.open(Files.readAllBytes(state)) : null;
                LedgerAuditor.Audited latest = auditor.audit(new HttpLedgerSource(client), saved, entries, done -> {
                    if (done % 1000 == 0) {
                        err.println("verified " + done + " entries");
                        err.flush();
                    }
                });
                AtomicFiles.writeOwnerOnly(state, latest.note());
                var out = spec.commandLine().getOut();
                out.println("ok           " + latest.checkpoint().origin() + " size " + latest.checkpoint().size());
                out.println(saved == null ? "first run    checkpoint saved to " + state
                        : "consistent   with the saved checkpoint of size " + saved.checkpoint().size());
                if (entries) {
                    out.println("entries      all " + latest.checkpoint().size() + " signatures verify and hash to the signed root");
                }
                out.flush();
                return 0;
            } catch (AuditFailedException e) {
                err.println("gleaner ledger verify: FAILED: " + e.getMessage());
                err.flush();
                return 1;
            }
        }

    }

    @Command(name = "witness", mixinStandardHelpOptions = true,
            description = "Act as a witness: check the ledger's latest checkpoint against the one you cosigned last, "
                    + "cosign it (C2SP tlog-cosignature v1) and send the cosignature to the ledger.")
    public static final class WitnessCmd implements Callable<Integer> {
        @Mixin
        LedgerEndpointOptions ledger;

        @Option(names = "--name", required = true, description = "the witness name, e.g. witness.example/w1")
        String name;

        @Option(names = "--key", description = "the witness private key file, created if missing (default: ${DEFAULT-VALUE})",
                defaultValue = "${user.home}/.gleaner/witness.key")
        Path keyFile;

        @Option(names = "--state", description = "the last cosigned checkpoint (default: ${DEFAULT-VALUE})",
                defaultValue = "witness-checkpoint.note")
        Path state;

        @Option(names = "--print-key", description = "only print the witness's cosigner key (vkey) for the ledger's configuration")
        boolean printKey;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            NoteVerifier verifier = ledger.verifier();
            if (!org.gleaner.protocol.note.KeyName.isValid(name)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--name must be non-empty with no spaces or '+'");
            }
            var key = org.gleaner.protocol.crypto.Ed25519KeyPair.loadOrCreate(keyFile);
            Witness witness = new Witness(name, key, verifier, java.time.Clock.systemUTC());
            var out = spec.commandLine().getOut();
            if (printKey) {
                out.println(witness.vkey());
                out.flush();
                return 0;
            }
            LedgerAuditor auditor = new LedgerAuditor(verifier);
            LedgerClient client = ledger.client();
            try {
                LedgerAuditor.Audited last = Files.exists(state) ? auditor.open(Files.readAllBytes(state)) : null;
                Witness.Cosigned cosigned = witness.cosign(new HttpLedgerSource(client), last);
                client.postText("v1/checkpoint/cosignatures", cosigned.cosignedNote());
                AtomicFiles.writeOwnerOnly(state, cosigned.checkpoint().note());
                out.println("cosigned     " + cosigned.checkpoint().checkpoint().origin() + " size "
                        + cosigned.checkpoint().checkpoint().size());
                out.flush();
                return 0;
            } catch (AuditFailedException e) {
                spec.commandLine().getErr().println("gleaner ledger witness: REFUSED to cosign: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return 1;
            }
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = {"Run the consent ledger service on 127.0.0.1.",
            "With --kafka it mirrors the log to gleaner.ledger and adopts the entries submitted on gleaner.ledger.submissions."})
    public static final class Serve implements Callable<Integer> {
        @Option(names = "--data-dir", description = "log, checkpoints and keys (default: ${DEFAULT-VALUE})", defaultValue = ".ledger")
        Path dataDir;

        @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE})", defaultValue = "8472")
        int port;

        @Option(names = "--origin", description = "the network origin the ledger signs and checks entries under; the same as the coordinator's --origin (default: ${DEFAULT-VALUE})", defaultValue = "gleaner.devnet")
        String origin;

        @Mixin
        OptionalKafkaOptions kafka;

        @Option(names = "--coordinator-key", description = "a coordinator's Ed25519 public key (64 hex digits) allowed to append reward roots")
        List<String> coordinatorKeys = new ArrayList<>();

        @Option(names = "--lookup-token-sha256", description = "SHA-256 (hex) of a bearer token allowed to look up commitments")
        List<String> lookupTokens = new ArrayList<>();

        @Option(names = "--witness-key", description = "a witness's cosigner key (vkey) whose cosignatures are accepted")
        List<String> witnessKeys = new ArrayList<>();

        @Option(names = "--smtp", description = "SMTP host:port for one-time codes (default: ${DEFAULT-VALUE})", defaultValue = "127.0.0.1:25")
        String smtp;

        @Option(names = "--datasets-url", description = "the dataset builder's API, asked where a grant's rows appear"
                + " (shown on the subjects' page; default: none, and the page says so)", defaultValue = "")
        String datasetsUrl;

        @Option(names = "--datasets-token-file", description = "a file holding the bearer token for --datasets-url (default: none)",
                defaultValue = "")
        String datasetsTokenFile;

        @Option(names = "--sms-dev-outbox", description = "DEVELOPMENT ONLY: write phone codes to files in this directory"
                + " instead of sending them (there is no real SMS gateway; without it phones cannot be bound)", defaultValue = "")
        String smsDevOutbox;

        @Option(names = "--allow-cidr", description = "TESTS AND DEVELOPMENT ONLY: an address range (e.g. 127.0.0.1/32) that"
                + " domain and profile challenge fetches may reach although it is not public (repeatable; default: none)")
        List<String> allowCidrs = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            for (String rule : allowCidrs) {
                try {
                    Cidr.parse(rule);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--allow-cidr: " + e.getMessage());
                }
            }
            if (!datasetsUrl.isEmpty() && !datasetsUrl.matches("https?://[^\\s]+")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--datasets-url must be an http or https URL");
            }
            if (!datasetsTokenFile.isEmpty() && !Files.isReadable(Path.of(datasetsTokenFile))) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--datasets-token-file is not a readable file");
            }
            if (port < 0 || port > 65535) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--port must be in 0..65535");
            }
            int colon = smtp.lastIndexOf(':');
            if (colon <= 0 || !smtp.substring(colon + 1).matches("\\d{1,5}")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--smtp must be host:port");
            }
            for (String key : coordinatorKeys) {
                if (!key.matches("[0-9a-fA-F]{64}")) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--coordinator-key must be 64 hex digits");
                }
            }
            Optional<KafkaConnection> kafkaConnection = kafka.connectionIfSet();
            List<String> args = new ArrayList<>(List.of(
                    "--server.address=127.0.0.1", "--server.port=" + port,
                    "--gleaner.ledger.data-dir=" + dataDir.toAbsolutePath(),
                    "--gleaner.ledger.origin=" + origin,
                    "--gleaner.ledger.kafka-bootstrap=" + kafkaConnection.map(KafkaConnection::bootstrapServers).orElse(""),
                    "--gleaner.ledger.kafka-client-config=" + (kafka.clientConfig() == null ? "" : kafka.clientConfig().toAbsolutePath()),
                    "--gleaner.ledger.smtp-host=" + smtp.substring(0, colon),
                    "--gleaner.ledger.smtp-port=" + smtp.substring(colon + 1),
                    "--gleaner.ledger.lookup-token-sha256=" + String.join(",", lookupTokens),
                    "--gleaner.ledger.witness-keys=" + String.join(",", witnessKeys),
                    "--gleaner.ledger.datasets-url=" + datasetsUrl,
                    "--gleaner.ledger.datasets-token-file=" + datasetsTokenFile,
                    "--gleaner.ledger.sms-development-outbox=" + smsDevOutbox,
                    "--gleaner.ledger.binding.allow-cidrs=" + String.join(",", allowCidrs),
                    "--gleaner.ledger.coordinator-keys=" + String.join(",", coordinatorKeys.stream().map(String::toLowerCase).toList())));
            System.err.println("gleaner ledger: starting on http://127.0.0.1:" + port + " (data in " + dataDir + ")");
            var context = LedgerServiceApplication.start(args.toArray(String[]::new));
            var ledger = context.getBean(org.gleaner.ledger.service.LedgerService.class);
            System.out.println("ledger       http://127.0.0.1:" + port);
            System.out.println("ledger key   " + ledger.checkpointVerifier().encode());
            System.out.println("entries      " + ledger.log().size());
            System.out.println("subjects     http://127.0.0.1:" + port + "/subjects/");
            CountDownLatch stopped = new CountDownLatch(1);
            context.addApplicationListener(event -> {
                if (event instanceof org.springframework.context.event.ContextClosedEvent) {
                    stopped.countDown();
                }
            });
            stopped.await();
            return 0;
        }
    }
}
