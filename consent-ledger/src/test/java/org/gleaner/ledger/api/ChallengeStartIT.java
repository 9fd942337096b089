package org.gleaner.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gleaner.ledger.binding.ChallengeRequest;
import org.gleaner.ledger.entry.EntrySigner;
import org.gleaner.ledger.service.LedgerService;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.ledger.IdentifierKind;
import org.gleaner.protocol.ledger.KeyRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starting an ownership challenge makes the ledger mail or fetch, so it must be asked by the key that will
 * own the binding: unsigned, forged, cross-ledger, stale, replayed and unregistered requests are refused and
 * nothing is mailed; signed requests are limited per subject and per identifier.
 */
class ChallengeStartIT {
    private static final String ORIGIN = "challenges.test/ledger";
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;
    private GreenMail mail;
    private ConfigurableApplicationContext context;
    private String url;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void start() {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        context = LedgerServiceApplication.start(
                "--server.address=127.0.0.1", "--server.port=0",
                "--gleaner.ledger.data-dir=" + dir.resolve("ledger"),
                "--gleaner.ledger.origin=" + ORIGIN,
                "--gleaner.ledger.smtp-host=127.0.0.1",
                "--gleaner.ledger.smtp-port=" + mail.getSmtp().getPort(),
                "--gleaner.ledger.challenges-per-subject-per-hour=3",
                "--gleaner.ledger.challenges-per-identifier-per-hour=2");
        url = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        mail.stop();
    }

    @Test
    void unsignedForgedReplayedOrUnregisteredStartsAreRefusedAndNothingIsMailed() throws Exception {
        Ed25519KeyPair alice = registered();
        Ed25519KeyPair mallory = registered();
        String aliceKey = hex(alice);

        Map<String, Object> unsigned = new LinkedHashMap<>(Map.of("subjectKey", aliceKey, "identifier", "victim@example.org"));
        assertThat(post("/v1/bindings/email", unsigned)).isEqualTo(400);

        // Mallory signs a request naming Alice's key: the signature is not Alice's.
        ChallengeRequest forged = request(alice, "victim@example.org", System.currentTimeMillis());
        assertThat(post("/v1/bindings/email", body(forged, Signed.sign(forged, ORIGIN, mallory)))).isEqualTo(401);

        // Alice's own signature, but made for another ledger, or for a domain challenge.
        ChallengeRequest request = request(alice, "victim@example.org", System.currentTimeMillis());
        assertThat(post("/v1/bindings/email", body(request, Signed.sign(request, "other.test/ledger", alice)))).isEqualTo(401);
        assertThat(post("/v1/bindings/domain", body(request, Signed.sign(request, ORIGIN, alice)))).isEqualTo(401);

        // Signed, but too old.
        ChallengeRequest stale = request(alice, "victim@example.org", System.currentTimeMillis() - 3_600_000);
        assertThat(post("/v1/bindings/email", body(stale, Signed.sign(stale, ORIGIN, alice)))).isEqualTo(401);

        // A key the ledger does not know, properly signed.
        Ed25519KeyPair stranger = Ed25519KeyPair.generate();
        ChallengeRequest fromStranger = request(stranger, "victim@example.org", System.currentTimeMillis());
        assertThat(post("/v1/bindings/email", body(fromStranger, Signed.sign(fromStranger, ORIGIN, stranger)))).isEqualTo(403);

        assertThat(mail.getReceivedMessages()).isEmpty();

        // The genuine request works once; the same bytes again are a replay.
        Map<String, Object> genuine = body(request, Signed.sign(request, ORIGIN, alice));
        assertThat(post("/v1/bindings/email", genuine)).isEqualTo(201);
        assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(post("/v1/bindings/email", genuine)).isEqualTo(401);
        assertThat(mail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void signedStartsAreLimitedPerSubjectAndPerIdentifier() throws Exception {
        Ed25519KeyPair alice = registered();
        Ed25519KeyPair bob = registered();
        // Per identifier (2 an hour), whoever asks: Alice twice, then Bob is refused for the same address.
        assertThat(signedStart(alice, "Carol@Example.org")).isEqualTo(201);
        assertThat(signedStart(alice, "carol@example.org")).isEqualTo(201);
        assertThat(signedStart(bob, "carol@EXAMPLE.org")).isEqualTo(429);
        // Per subject (3 an hour): Alice's third address works, her fourth does not; Bob still can.
        assertThat(signedStart(alice, "dave@example.org")).isEqualTo(201);
        assertThat(signedStart(alice, "erin@example.org")).isEqualTo(429);
        assertThat(signedStart(bob, "erin@example.org")).isEqualTo(201);
        assertThat(mail.waitForIncomingEmail(10_000, 4)).isTrue();
        assertThat(mail.getReceivedMessages()).hasSize(4);
    }

    private int signedStart(Ed25519KeyPair key, String email) throws Exception {
        ChallengeRequest request = request(key, email, System.currentTimeMillis());
        return post("/v1/bindings/email", body(request, Signed.sign(request, ORIGIN, key)));
    }

    private Ed25519KeyPair registered() throws Exception {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        context.getBean(LedgerService.class).sequencer()
                .append(new EntrySigner(key, ORIGIN).sign(new KeyRegistration(), System.currentTimeMillis()));
        return key;
    }

    private static ChallengeRequest request(Ed25519KeyPair subject, String email, long timestampMillis) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return new ChallengeRequest(IdentifierKind.EMAIL, email, Bytes.of(subject.publicKey().bytes()), timestampMillis, Bytes.of(nonce));
    }

    private static Map<String, Object> body(ChallengeRequest request, Signed<ChallengeRequest> signed) {
        return Map.of("subjectKey", request.subjectKey().hex(), "identifier", request.identifier(),
                "timestampMillis", request.timestampMillis(), "nonce", request.nonce().hex(),
                "signature", Base64.getEncoder().encodeToString(signed.signature().toArray()));
    }

    private int post(String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    private static String hex(Ed25519KeyPair key) {
        return Bytes.of(key.publicKey().bytes()).hex();
    }
}
