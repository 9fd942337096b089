package org.gleaner.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gleaner.ledger.cli.ConsentCommand;
import org.gleaner.ledger.cli.LedgerCommand;
import org.gleaner.ledger.entry.EntrySigner;
import org.gleaner.ledger.service.LedgerService;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.ledger.KeyRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * The ledger service over real HTTP on 127.0.0.1, driven by the real command line: a subject binds a domain
 * (served by a real HTTP server) and an email address (one-time code over SMTP to GreenMail), grants,
 * revokes; an auditor verifies, and catches a rewritten history.
 */
class LedgerApiIT {
    private static final String TOKEN = "lookup-token-for-tests";

    @TempDir
    Path dir;
    private GreenMail mail;
    private HttpServer site;
    private final Map<String, String> siteFiles = new ConcurrentHashMap<>();
    private ConfigurableApplicationContext context;
    private String url;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Ed25519KeyPair witnessKey = Ed25519KeyPair.generate();
    private static final String WITNESS = "witness.test/w1";

    @BeforeEach
    void start() throws Exception {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            String body = siteFiles.get(exchange.getRequestURI().getPath());
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        site.start();
        startLedger();
    }

    private void startLedger() {
        context = LedgerServiceApplication.start(
                "--server.address=127.0.0.1", "--server.port=0",
                "--gleaner.ledger.data-dir=" + dir.resolve("ledger"),
                "--gleaner.ledger.origin=api.test.gleaner/ledger",
                "--gleaner.ledger.smtp-host=127.0.0.1",
                "--gleaner.ledger.smtp-port=" + mail.getSmtp().getPort(),
                "--gleaner.ledger.lookups-per-minute=3",
                "--gleaner.ledger.lookup-token-sha256=" + Bytes.sha256(TOKEN.getBytes(StandardCharsets.UTF_8)).hex(),
                "--gleaner.ledger.domain-challenge-base=http://127.0.0.1:" + site.getAddress().getPort(),
                "--gleaner.ledger.binding.allow-cidrs=127.0.0.1/32",
                "--gleaner.ledger.witness-keys=" + witnessVkey());
        url = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        site.stop(0);
        mail.stop();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String field(String output, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + "\\s+(\\S+)").matcher(output);
        assertThat(m.find()).as("'%s' in:%n%s", label, output).isTrue();
        return m.group(1);
    }

    private String ledgerKey() {
        return context.getBean(LedgerService.class).checkpointVerifier().encode();
    }

    @Test
    void aSubjectBindsGrantsAndRevokesThroughTheCommandLine() throws Exception {
        String key = dir.resolve("alice.key").toString();
        Run keygen = run(new ConsentCommand(), "keygen", "--key", key, "--ledger", url);
        assertThat(keygen.exit()).as(keygen.err()).isZero();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(key)))).isEqualTo("rw-------");

        // Domain: publish the token on a real web server, then complete.
        Run domain = run(new ConsentCommand(), "bind", "--key", key, "--ledger", url, "--domain", "Alice.Example");
        assertThat(domain.exit()).as(domain.err()).isZero();
        String challenge = field(domain.out(), "challenge");
        Run tooEarly = run(new ConsentCommand(), "bind", "--key", key, "--ledger", url, "--complete", challenge);
        assertThat(tooEarly.exit()).isNotZero();
        assertThat(tooEarly.err()).contains("binding-proof-not-found");
        siteFiles.put(field(domain.out(), "serve"), field(domain.out(), "content"));
        Run bound = run(new ConsentCommand(), "bind", "--key", key, "--ledger", url, "--complete", challenge);
        assertThat(bound.exit()).as(bound.err()).isZero();

        // Email: the code arrives over SMTP.
        Run email = run(new ConsentCommand(), "bind", "--key", key, "--ledger", url, "--email", "Alice@Example.ORG");
        assertThat(email.exit()).as(email.err()).isZero();
        assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage message = mail.getReceivedMessages()[0];
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("alice@example.org");
        Matcher code = Pattern.compile("code to bind .* is: (\\d{8})").matcher(message.getContent().toString());
        assertThat(code.find()).isTrue();
        String emailChallenge = field(email.out(), "challenge");
        Run wrong = run(new ConsentCommand(), "bind", "--key", key, "--ledger", url, "--complete", emailChallenge, "--code", "00000000".equals(code.group(1)) ? "11111111" : "00000000");
        assertThat(wrong.err()).contains("binding-wrong-code");
        Run emailBound = run(new ConsentCommand(), "bind", "--key", key, "--ledger", url, "--complete", emailChallenge, "--code", code.group(1));
        assertThat(emailBound.exit()).as(emailBound.err()).isZero();

        Run grant = run(new ConsentCommand(), "grant", "--key", key, "--ledger", url, "--purpose", "train-ai", "--share-bps", "300");
        assertThat(grant.exit()).as(grant.err()).isZero();
        String grantId = field(grant.out(), "grant");

        // The mapping service gives a builder the same commitment for the identifier it found in a page.
        String commitment = lookup("email", "alice@EXAMPLE.org").body();
        Run status = run(new ConsentCommand(), "status", "--key", key, "--ledger", url);
        assertThat(status.out()).contains(grantId + " active").contains("purposes=[train-ai]");
        assertThat(commitment).contains(status.out().lines().filter(l -> l.contains("email")).findFirst().orElseThrow().split(" +")[2]);
        assertThat(status.out()).doesNotContain("alice@");

        Run revoke = run(new ConsentCommand(), "revoke", "--key", key, "--ledger", url, "--grant", grantId);
        assertThat(revoke.exit()).as(revoke.err()).isZero();
        assertThat(run(new ConsentCommand(), "status", "--key", key, "--ledger", url).out()).contains(grantId + " revoked");
        Run again = run(new ConsentCommand(), "revoke", "--key", key, "--ledger", url, "--grant", grantId);
        assertThat(again.exit()).isNotZero();
        assertThat(again.err()).contains("L142");

        // The subject moves to a new key: its grants follow, the old key is retired.
        String newKey = dir.resolve("alice-2.key").toString();
        Run rotate = run(new ConsentCommand(), "rotate", "--key", key, "--ledger", url, "--new-key", newKey);
        assertThat(rotate.exit()).as(rotate.err()).isZero();
        assertThat(run(new ConsentCommand(), "status", "--key", newKey, "--ledger", url).out()).contains(grantId + " revoked");
        Run retired = run(new ConsentCommand(), "grant", "--key", key, "--ledger", url, "--purpose", "search");
        assertThat(retired.exit()).isNotZero();
        assertThat(retired.err()).contains("no registered subject");
        Run grantAgain = run(new ConsentCommand(), "grant", "--key", newKey, "--ledger", url, "--purpose", "search");
        assertThat(grantAgain.exit()).as(grantAgain.err()).isZero();

        Run badPurpose = run(new ConsentCommand(), "grant", "--key", key, "--ledger", url, "--purpose", "advertising");
        assertThat(badPurpose.exit()).isNotZero();
        assertThat(badPurpose.err()).contains("unknown purpose");
    }

    @Test
    void theIdentifierLookupIsAuthenticatedAndRateLimited() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/commitments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"email\",\"identifier\":\"bob@example.com\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> first = lookup("email", "bob@example.com");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).doesNotContain("bob");
        assertThat(lookup("email", "Bob@Example.com").body()).isEqualTo(first.body());
        assertThat(lookup("phone", "12").statusCode()).isEqualTo(400);
        assertThat(lookup("email", "bob@example.com").statusCode()).isEqualTo(429);
    }

    @Test
    void refusedEntriesGetTheirReasonAndTheOpenApiDocumentDescribesTheApi() throws Exception {
        EntrySigner wrongOrigin = new EntrySigner(Ed25519KeyPair.generate(), "some.other/ledger");
        HttpResponse<String> refused = post(wrongOrigin.sign(new KeyRegistration(), System.currentTimeMillis()).encode().toArray());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("L102");
        HttpResponse<String> garbage = post(new byte[] {0, 0, 0, 1, 7});
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(context.getBean(LedgerService.class).log().size()).isZero();

        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(url + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("/v1/entries", "/v1/checkpoint", "/v1/proofs/consistency", "/v1/commitments",
                "/v1/subjects/{subjectKey}/grants");
    }

    @Test
    void verifyPassesOnAnHonestLogAndFailsLoudlyWhenHistoryIsRewritten() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(post(registration()).statusCode()).isEqualTo(201);
        }
        String state = dir.resolve("audit/checkpoint.note").toString();
        String key = ledgerKey();
        Run first = run(new LedgerCommand(), "verify", "--ledger", url, "--ledger-key", key, "--state", state, "--entries");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("size 5").contains("first run");

        for (int i = 0; i < 3; i++) {
            post(registration());
        }
        byte[] note = context.getBean(LedgerService.class).sequencer().checkpointNow();
        var checkpoint = org.gleaner.protocol.note.Checkpoint.parse(org.gleaner.protocol.note.SignedNote
                .open(note, context.getBean(LedgerService.class).checkpointVerifier()).text());
        var entry = tools.jackson.databind.json.JsonMapper.builder().build().readTree(http.send(
                HttpRequest.newBuilder(URI.create(url + "/v1/entries/2?treeSize=8")).build(), HttpResponse.BodyHandlers.ofString()).body());
        java.util.List<byte[]> proof = new java.util.ArrayList<>();
        entry.path("inclusionProof").forEach(h -> proof.add(java.util.Base64.getDecoder().decode(h.asString())));
        byte[] leaf = org.gleaner.protocol.merkle.MerkleHash.leafHash(java.util.Base64.getDecoder().decode(entry.path("entry").asString()));
        org.gleaner.protocol.merkle.InclusionVerifier.verify(2, 8, leaf, proof, checkpoint.rootHash());
        assertThat(entry.path("type").asString()).isEqualTo("key-registration");
        Run second = run(new LedgerCommand(), "verify", "--ledger", url, "--ledger-key", key, "--state", state);
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).contains("size 8").contains("consistent");

        // Behind the running service's back: entry 2 is rewritten on disk (checksum fixed up) and served as is.
        Path entries = dir.resolve("ledger/log/entries.log");
        byte[] original = Files.readAllBytes(entries);
        byte[] tampered = original.clone();
        int offset = frameOffset(tampered, 2);
        int length = ByteBuffer.wrap(tampered, offset, 4).getInt();
        tampered[offset + 8 + length - 3] ^= 0x01;
        fixCrc(tampered, offset);
        Files.write(entries, tampered);
        Run caught = run(new LedgerCommand(), "verify", "--ledger", url, "--ledger-key", key, "--state", state, "--entries");
        assertThat(caught.exit()).isEqualTo(1);
        assertThat(caught.err()).contains("FAILED").contains("entry 2");
        Files.write(entries, original);

        // The operator rewrites history: cuts the log back to 6 entries, drops the checkpoints, appends others.
        context.close();
        context = null;
        Files.write(entries, java.util.Arrays.copyOf(original, frameOffset(original, 6)));
        Files.delete(dir.resolve("ledger/log/checkpoints.log"));
        startLedger();
        for (int i = 0; i < 4; i++) {
            post(registration());
        }
        context.getBean(LedgerService.class).sequencer().checkpointNow();
        Run rewritten = run(new LedgerCommand(), "verify", "--ledger", url, "--ledger-key", key, "--state", state);
        assertThat(rewritten.exit()).isEqualTo(1);
        assertThat(rewritten.err()).contains("FAILED").contains("not consistent").contains("history was rewritten");

        Run badKey = run(new LedgerCommand(), "verify", "--ledger", url, "--ledger-key", "nonsense", "--state", state);
        assertThat(badKey.exit()).isEqualTo(2);
    }

    private String witnessVkey() {
        try {
            return org.gleaner.protocol.note.CosignatureV1.of(WITNESS, witnessKey.publicKey()).encode();
        } catch (org.gleaner.protocol.note.NoteKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void witnessesCosignConsistentCheckpointsAndTheLedgerServesTheirCosignatures() throws Exception {
        Path keyFile = dir.resolve("witness.key");
        witnessKey.save(keyFile);
        String state = dir.resolve("witness/state.note").toString();
        for (int i = 0; i < 3; i++) {
            post(registration());
        }
        Run first = run(new LedgerCommand(), "witness", "--ledger", url, "--ledger-key", ledgerKey(), "--name", WITNESS,
                "--key", keyFile.toString(), "--state", state);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("size 3");

        byte[] served = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/checkpoint")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        var opened = org.gleaner.protocol.note.SignedNote.open(served, context.getBean(LedgerService.class).checkpointVerifier());
        var witness = org.gleaner.protocol.note.CosignatureV1.parse(witnessVkey());
        assertThat(opened.unverifiedSignatures()).singleElement()
                .satisfies(sig -> assertThat(witness.verify(opened.text(), sig)).isPresent());

        post(registration());
        context.getBean(LedgerService.class).sequencer().checkpointNow();
        byte[] fresh = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/checkpoint")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(org.gleaner.protocol.note.SignedNote.open(fresh, context.getBean(LedgerService.class).checkpointVerifier())
                .unverifiedSignatures()).isEmpty();
        Run second = run(new LedgerCommand(), "witness", "--ledger", url, "--ledger-key", ledgerKey(), "--name", WITNESS,
                "--key", keyFile.toString(), "--state", state);
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).contains("size 4");

        // Cosignatures survive a restart of the ledger.
        context.close();
        startLedger();
        byte[] afterRestart = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/checkpoint")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(org.gleaner.protocol.note.SignedNote.open(afterRestart, context.getBean(LedgerService.class).checkpointVerifier())
                .unverifiedSignatures()).hasSize(1);

        Run stranger = run(new LedgerCommand(), "witness", "--ledger", url, "--ledger-key", ledgerKey(), "--name", "stranger.test/w",
                "--key", dir.resolve("stranger.key").toString(), "--state", dir.resolve("stranger.note").toString());
        assertThat(stranger.exit()).isNotZero();
        assertThat(stranger.err()).contains("cosignature-rejected");

        // The witness refuses to cosign a history that does not extend the one it cosigned.
        Files.write(Path.of(state), new org.gleaner.protocol.note.Checkpoint("api.test.gleaner/ledger", 9, new byte[32])
                .sign(org.gleaner.protocol.note.NoteSigner.of("api.test.gleaner/ledger",
                        Ed25519KeyPair.load(dir.resolve("ledger/keys/checkpoint.key")))));
        Run refused = run(new LedgerCommand(), "witness", "--ledger", url, "--ledger-key", ledgerKey(), "--name", WITNESS,
                "--key", keyFile.toString(), "--state", state);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("REFUSED").contains("shrank");
    }

    private byte[] registration() {
        return new EntrySigner(Ed25519KeyPair.generate(), "api.test.gleaner/ledger")
                .sign(new KeyRegistration(), System.currentTimeMillis()).encode().toArray();
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/v1/entries"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> lookup(String kind, String identifier) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/v1/commitments"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"" + kind + "\",\"identifier\":\"" + identifier + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int frameOffset(byte[] file, int index) {
        int position = 0;
        for (int i = 0; i < index; i++) {
            position += 8 + ByteBuffer.wrap(file, position, 4).getInt();
        }
        return position;
    }

    private static void fixCrc(byte[] file, int offset) {
        int length = ByteBuffer.wrap(file, offset, 4).getInt();
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(file, offset + 8, length);
        ByteBuffer.wrap(file, offset + 4, 4).putInt((int) crc.getValue());
    }
}
