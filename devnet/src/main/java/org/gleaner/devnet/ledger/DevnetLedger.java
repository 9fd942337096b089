package org.gleaner.devnet.ledger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.gleaner.ledger.api.LedgerServiceApplication;
import org.gleaner.ledger.service.LedgerService;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.note.Checkpoint;
import org.gleaner.protocol.note.MalformedCheckpointException;
import org.gleaner.protocol.note.NoteException;
import org.gleaner.protocol.note.NoteVerifier;
import org.gleaner.protocol.note.SignedNote;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The consent ledger service inside the devnet: the real Spring Boot service on 127.0.0.1 and a free port,
 * with its own data directory, mirroring its log to the ledger topic and adopting the coordinator's reward
 * roots from the submissions topic. Binding codes go to the devnet's mail server; domain challenges are
 * fetched from the demo site. The builder's commitment lookups use a random bearer token made per run
 * (only its SHA-256 is given to the service).
 */
public final class DevnetLedger implements AutoCloseable {
    private static final int MAX_CHECKPOINT = 64 * 1024;

    private final ConfigurableApplicationContext context;
    private final String url;
    private final String lookupToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public DevnetLedger(Path dataDir, String origin, String kafkaBootstrap, String coordinatorKeyHex, int smtpPort,
            String domainChallengeBase) {
        this(dataDir, origin, kafkaBootstrap, coordinatorKeyHex, smtpPort, domainChallengeBase, null, null);
    }

    /**
     * With {@code datasetsUrl} and {@code datasetsTokenFile} (a lab key) set, the subjects' page shows where a grant's
     * data appears, through that dataset API; both null to leave it out.
     */
    public DevnetLedger(Path dataDir, String origin, String kafkaBootstrap, String coordinatorKeyHex, int smtpPort,
            String domainChallengeBase, String datasetsUrl, Path datasetsTokenFile) {
        byte[] token = new byte[32];
        new SecureRandom().nextBytes(token);
        this.lookupToken = HexFormat.of().formatHex(token);
        this.context = LedgerServiceApplication.start(
                "--server.address=127.0.0.1", "--server.port=0",
                "--gleaner.ledger.data-dir=" + dataDir.toAbsolutePath(),
                "--gleaner.ledger.origin=" + origin,
                "--gleaner.ledger.kafka-bootstrap=" + kafkaBootstrap,
                "--gleaner.ledger.coordinator-keys=" + coordinatorKeyHex,
                // Checkpoints every half second, so the demo never waits long for one covering its entries.
                "--gleaner.ledger.checkpoint-period=500ms",
                "--gleaner.ledger.smtp-host=127.0.0.1",
                "--gleaner.ledger.smtp-port=" + smtpPort,
                "--gleaner.ledger.lookup-token-sha256=" + Bytes.sha256(lookupToken.getBytes(StandardCharsets.UTF_8)).hex(),
                "--gleaner.ledger.lookups-per-minute=600",
                "--gleaner.ledger.datasets-url=" + (datasetsUrl == null ? "" : datasetsUrl),
                "--gleaner.ledger.datasets-token-file=" + (datasetsTokenFile == null ? "" : datasetsTokenFile.toAbsolutePath()),
                "--gleaner.ledger.domain-challenge-base=" + domainChallengeBase,
                "--gleaner.ledger.binding.allow-cidrs=127.0.0.1/32,127.0.0.2/32",
                "--logging.level.org.springframework=WARN",
                "--logging.level.org.apache=WARN");
        this.url = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    public String url() {
        return url;
    }

    /** The bearer token the devnet's builder presents to look up commitments. */
    String lookupToken() {
        return lookupToken;
    }

    /** The ledger's checkpoint key (C2SP vkey), as auditors configure it. */
    public NoteVerifier checkpointKey() {
        return service().checkpointVerifier();
    }

    /** The key the ledger signs identifier bindings with, which a consent view must trust. */
    public Bytes identityVerifierKey() {
        return service().verifierKey();
    }

    public long size() {
        return service().log().size();
    }

    private LedgerService service() {
        return context.getBean(LedgerService.class);
    }

    /** The latest signed checkpoint note from the REST API, as any client reads it. */
    public byte[] latestCheckpointNote() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/checkpoint"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200 || response.body().length > MAX_CHECKPOINT) {
            throw new IOException("the ledger's checkpoint endpoint answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** Waits for a signed checkpoint covering at least {@code size} entries and returns its note. */
    public byte[] awaitCheckpoint(long size, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            byte[] note = latestCheckpointNote();
            if (sizeOf(note) >= size) {
                return note;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ledger signed no checkpoint of size " + size + " within "
                        + timeout.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** The tree size a checkpoint note signs (its signature checked with the ledger's key). */
    public long sizeOf(byte[] note) {
        try {
            return Checkpoint.parse(SignedNote.open(note, checkpointKey()).text()).size();
        } catch (NoteException | MalformedCheckpointException e) {
            throw new IllegalStateException("the ledger served a checkpoint that does not verify: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
