package org.gleaner.ledger.cli;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gleaner.ledger.entry.EntrySigner;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.ledger.IdentifierKind;
import org.gleaner.protocol.ledger.Grant;
import org.gleaner.protocol.ledger.KeyRegistration;
import org.gleaner.protocol.ledger.Licence;
import org.gleaner.protocol.ledger.Purpose;
import org.gleaner.protocol.ledger.Revocation;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/** {@code gleaner consent ...}: what a data subject does with the ledger. */
@Command(name = "consent", mixinStandardHelpOptions = true,
        description = "Hold a consent key, bind identifiers, grant and revoke licences on the consent ledger.",
        subcommands = {ConsentCommand.Keygen.class, ConsentCommand.Bind.class, ConsentCommand.GrantCmd.class,
                ConsentCommand.Revoke.class, ConsentCommand.Status.class, ConsentCommand.Rotate.class})
public final class ConsentCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = "Create a subject key (owner-only file) unless it exists, and register it on the ledger.")
    static final class Keygen implements Callable<Integer> {
        @Mixin
        SubjectOptions subject;

        @Override
        public Integer call() throws Exception {
            boolean existed = Files.exists(subject.keyFile);
            Ed25519KeyPair key = Ed25519KeyPair.loadOrCreate(subject.keyFile);
            LedgerClient client = subject.client();
            String registered;
            try {
                JsonNode receipt = client.submit(subject.signer(client).sign(new KeyRegistration(), System.currentTimeMillis()));
                registered = "entry " + receipt.path("index").asLong();
            } catch (LedgerClient.LedgerClientException e) {
                if (!existed || !e.getMessage().contains("L110")) {
                    throw e;
                }
                registered = "already";
            }
            subject.out().println("subject key  " + key.publicKey().fingerprint());
            subject.out().println("key file     " + (existed ? "existing " : "new ") + subject.keyFile);
            subject.out().println("registered   " + registered);
            subject.out().flush();
            return 0;
        }
    }

    @Command(name = "bind", mixinStandardHelpOptions = true,
            description = "Prove ownership of a domain, email address or social profile. Start with --domain, --email or"
                    + " --social, then finish with --complete.")
    static final class Bind implements Callable<Integer> {
        @Mixin
        SubjectOptions subject;

        static final class Target {
            @Option(names = "--domain", description = "start a domain challenge")
            String domain;
            @Option(names = "--email", description = "start an email challenge (a code is mailed)")
            String email;
            @Option(names = "--phone", description = "start a phone challenge (a code is sent by SMS; only where the ledger has a gateway)")
            String phone;
            @Option(names = "--social", description = "start a social profile challenge: network:handle (e.g. github:ada),"
                    + " a profile URL, or @user@host")
            String social;
            @Option(names = "--complete", description = "finish the challenge with this id")
            String complete;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        @Option(names = "--code", description = "the one-time code (with --complete for email and phone challenges)")
        String code;

        @Option(names = "--kind", description = "with --complete: domain, email, phone or social (default: email with --code, else domain)")
        String kind;

        @Override
        public Integer call() throws Exception {
            LedgerClient client = subject.client();
            if (target.complete == null) {
                IdentifierKind chosen = target.domain != null ? IdentifierKind.DOMAIN
                        : target.email != null ? IdentifierKind.EMAIL
                        : target.phone != null ? IdentifierKind.PHONE : IdentifierKind.SOCIAL;
                String identifier = target.domain != null ? target.domain : target.email != null ? target.email
                        : target.phone != null ? target.phone : target.social;
                JsonNode started = client.postJson("v1/bindings/" + chosen.label(),
                        subject.signedChallengeRequest(client, chosen, identifier));
                String id = started.path("challengeId").asString();
                subject.out().println("challenge    " + id);
                switch (chosen) {
                    case DOMAIN -> {
                        subject.out().println("serve        " + started.path("path").asString());
                        subject.out().println("content      " + started.path("content").asString());
                        subject.out().println("then run     gleaner consent bind --complete " + id);
                    }
                    case SOCIAL -> {
                        subject.out().println("profile      " + started.path("path").asString());
                        subject.out().println("publish      " + started.path("content").asString());
                        subject.out().println("then run     gleaner consent bind --complete " + id + " --kind social");
                    }
                    case PHONE -> subject.out().println("then run     gleaner consent bind --complete " + id
                            + " --kind phone --code <the code sent by SMS>");
                    default -> subject.out().println("then run     gleaner consent bind --complete " + id + " --code <the mailed code>");
                }
                subject.out().flush();
                return 0;
            }
            if (!target.complete.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new ParameterException(subject.commandLine(), "--complete takes the challenge id the start printed");
            }
            String completing = kind != null ? kind : code != null ? "email" : "domain";
            boolean needsCode = completing.equals("email") || completing.equals("phone");
            if (!needsCode && !completing.equals("domain") && !completing.equals("social")) {
                throw new ParameterException(subject.commandLine(), "--kind must be domain, email, phone or social");
            }
            if (needsCode != (code != null)) {
                throw new ParameterException(subject.commandLine(), needsCode
                        ? "--code is needed to complete " + (completing.equals("email") ? "an email" : "a phone") + " challenge" : "--code is only for email and phone challenges");
            }
            JsonNode receipt = client.postJson("v1/bindings/" + completing + "/" + target.complete + "/complete",
                    needsCode ? Map.of("code", code) : Map.of());
            subject.out().println("bound        entry " + receipt.path("index").asLong());
            subject.out().flush();
            return 0;
        }
    }

    @Command(name = "grant", mixinStandardHelpOptions = true,
            description = "License your bound identifiers for named purposes.")
    static final class GrantCmd implements Callable<Integer> {
        @Mixin
        SubjectOptions subject;

        @Option(names = "--commitment", description = "an identifier commitment (hex) to license; default: all you have bound")
        List<String> commitments = new ArrayList<>();

        @Option(names = "--purpose", required = true, description = "purpose (vocabulary v1: ${COMPLETION-CANDIDATES})",
                completionCandidates = Purposes.class)
        List<String> purposes;

        @Option(names = "--licence", description = "SPDX licence id (default: ${DEFAULT-VALUE})", defaultValue = "CC-BY-4.0")
        String licence;

        @Option(names = "--terms-url", description = "https URL of custom terms (instead of --licence)")
        String termsUrl;

        @Option(names = "--terms-sha256", description = "SHA-256 (hex) of the custom terms")
        String termsSha256;

        @Option(names = "--scope", description = "limit to sources, e.g. host:blog.example (default: all)")
        List<String> scope = new ArrayList<>();

        @Option(names = "--share-bps", description = "compensation share in basis points (default: ${DEFAULT-VALUE})", defaultValue = "0")
        int shareBasisPoints;

        @Option(names = "--days", description = "validity in days from now (default: ${DEFAULT-VALUE})", defaultValue = "365")
        int days;

        @Override
        public Integer call() throws Exception {
            for (String purpose : purposes) {
                if (!Purpose.isKnown(Purpose.VOCABULARY_VERSION, purpose)) {
                    throw new ParameterException(subject.commandLine(), "unknown purpose '" + purpose + "' (known: " + Purpose.V1 + ")");
                }
            }
            LedgerClient client = subject.client();
            List<Bytes> chosen = new ArrayList<>();
            if (commitments.isEmpty()) {
                for (JsonNode binding : client.get("v1/subjects/" + subject.keyHex() + "/bindings")) {
                    chosen.add(Bytes.fromHex(binding.path("commitment").asString()));
                }
                if (chosen.isEmpty()) {
                    throw new IllegalArgumentException("you have no bound identifiers yet; run gleaner consent bind first");
                }
            } else {
                for (String hex : commitments) {
                    if (!hex.matches("[0-9a-f]{64}")) {
                        throw new ParameterException(subject.commandLine(), "a commitment is 64 lowercase hex digits");
                    }
                    chosen.add(Bytes.fromHex(hex));
                }
            }
            Licence chosenLicence = termsUrl != null
                    ? Licence.custom(termsUrl, Bytes.fromHex(termsSha256 == null ? "" : termsSha256))
                    : Licence.spdx(licence);
            long now = System.currentTimeMillis();
            Grant grant = new Grant(chosen, Purpose.VOCABULARY_VERSION, purposes, chosenLicence, scope, shareBasisPoints,
                    now, now + Duration.ofDays(days).toMillis());
            EntrySigner signer = subject.signer(client);
            JsonNode receipt = client.submit(signer.sign(grant, now));
            subject.out().println("grant        " + receipt.path("leafHash").asString());
            subject.out().println("entry        " + receipt.path("index").asLong());
            subject.out().println("valid until  " + Instant.ofEpochMilli(grant.notAfterMillis()));
            subject.out().flush();
            return 0;
        }
    }

    static final class Purposes extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Purposes() {
            super(Purpose.V1.stream().sorted().toList());
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke one of your grants (terminal).")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        SubjectOptions subject;

        @Option(names = "--grant", required = true, description = "the grant id (hex)")
        String grantId;

        @Override
        public Integer call() throws Exception {
            if (!grantId.matches("[0-9a-f]{64}")) {
                throw new ParameterException(subject.commandLine(), "a grant id is 64 lowercase hex digits");
            }
            LedgerClient client = subject.client();
            JsonNode receipt = client.submit(subject.signer(client).sign(new Revocation(Bytes.fromHex(grantId)), System.currentTimeMillis()));
            subject.out().println("revoked      " + grantId);
            subject.out().println("entry        " + receipt.path("index").asLong());
            subject.out().flush();
            return 0;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Hand your subject (bindings and grants) over to a new key; the old key is retired for good.")
    static final class Rotate implements Callable<Integer> {
        @Mixin
        SubjectOptions subject;

        @Option(names = "--new-key", required = true, description = "the new private key file (created, must not exist)")
        java.nio.file.Path newKeyFile;

        @Override
        public Integer call() throws Exception {
            if (Files.exists(newKeyFile)) {
                throw new ParameterException(subject.commandLine(), newKeyFile + " already exists; refusing to reuse a key file");
            }
            LedgerClient client = subject.client();
            EntrySigner current = subject.signer(client);
            Ed25519KeyPair newKey = Ed25519KeyPair.loadOrCreate(newKeyFile);
            JsonNode receipt = client.submit(current.sign(current.rotationTo(newKey), System.currentTimeMillis()));
            subject.out().println("new key      " + newKey.publicKey().fingerprint());
            subject.out().println("key file     " + newKeyFile);
            subject.out().println("rotated      entry " + receipt.path("index").asLong());
            subject.out().flush();
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show your bound identifiers and grants.")
    static final class Status implements Callable<Integer> {
        @Mixin
        SubjectOptions subject;

        @Override
        public Integer call() throws Exception {
            LedgerClient client = subject.client();
            String key = subject.keyHex();
            subject.out().println("subject key  " + key);
            for (JsonNode binding : client.get("v1/subjects/" + key + "/bindings")) {
                subject.out().println("bound        " + binding.path("kind").asString() + " " + binding.path("commitment").asString()
                        + " (" + binding.path("method").asString() + ")");
            }
            for (JsonNode grant : client.get("v1/subjects/" + key + "/grants")) {
                subject.out().println("grant        " + grant.path("grantId").asString() + " " + grant.path("status").asString()
                        + " purposes=" + grant.path("purposes").values().stream().map(JsonNode::asString).toList()
                        + " licence=" + grant.path("licence").asString()
                        + " until=" + Instant.ofEpochMilli(grant.path("notAfterMillis").asLong()));
            }
            subject.out().flush();
            return 0;
        }
    }
}
