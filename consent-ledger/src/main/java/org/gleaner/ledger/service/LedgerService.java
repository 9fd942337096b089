package org.gleaner.ledger.service;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.gleaner.ledger.entry.EntrySigner;
import org.gleaner.ledger.identity.CommitmentKey;
import org.gleaner.ledger.intake.SubmissionIntake;
import org.gleaner.ledger.identity.IdentifierNormalizer;
import org.gleaner.ledger.identity.InvalidIdentifierException;
import org.gleaner.ledger.identity.NormalizedIdentifier;
import org.gleaner.ledger.log.AppendReceipt;
import org.gleaner.ledger.log.LedgerLog;
import org.gleaner.ledger.log.Sequencer;
import org.gleaner.ledger.mirror.KafkaLedgerMirror;
import org.gleaner.ledger.state.EntryRejectedException;
import org.gleaner.ledger.state.LedgerPolicy;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.crypto.KeyFileException;
import org.gleaner.protocol.ledger.IdentifierBinding;
import org.gleaner.protocol.ledger.IdentifierKind;
import org.gleaner.protocol.note.NoteKeyException;
import org.gleaner.protocol.note.NoteSigner;
import org.gleaner.protocol.note.NoteVerifier;

/**
 * One running ledger: its keys (checkpoint key, identity-verifier key, commitment secret, all in the data
 * directory and owner-only), the durable log and its sequencer, and the optional Kafka mirror. Plain Java;
 * the Spring layer and the command line both wire it.
 */
public final class LedgerService implements Closeable {
    private final LedgerConfig config;
    private final LedgerLog log;
    private final Sequencer sequencer;
    private final KafkaLedgerMirror mirror;
    private final SubmissionIntake intake;
    private final CommitmentKey commitmentKey;
    private final IdentifierNormalizer normalizer;
    private final EntrySigner verifierSigner;
    private final Bytes verifierKey;
    private final NoteVerifier checkpointVerifier;
    private final Clock clock;

    private LedgerService(LedgerConfig config, LedgerLog log, Sequencer sequencer, KafkaLedgerMirror mirror,
            SubmissionIntake intake, CommitmentKey commitmentKey, Ed25519KeyPair verifierKeyPair, NoteVerifier checkpointVerifier, Clock clock) {
        this.config = config;
        this.log = log;
        this.sequencer = sequencer;
        this.mirror = mirror;
        this.intake = intake;
        this.commitmentKey = commitmentKey;
        this.normalizer = new IdentifierNormalizer(config.defaultRegion());
        this.verifierSigner = new EntrySigner(verifierKeyPair, config.origin());
        this.verifierKey = Bytes.of(verifierKeyPair.publicKey().bytes());
        this.checkpointVerifier = checkpointVerifier;
        this.clock = clock;
    }

    public static LedgerService open(LedgerConfig config, Clock clock) throws IOException {
        Path dir = config.dataDir();
        Files.createDirectories(dir);
        Ed25519KeyPair logKey;
        Ed25519KeyPair verifierKey;
        NoteSigner noteSigner;
        try {
            logKey = Ed25519KeyPair.loadOrCreate(dir.resolve("keys/checkpoint.key"));
            verifierKey = Ed25519KeyPair.loadOrCreate(dir.resolve("keys/verifier.key"));
            noteSigner = NoteSigner.of(config.origin(), logKey);
        } catch (KeyFileException | NoteKeyException e) {
            throw new IOException("ledger keys: " + e.getMessage(), e);
        }
        CommitmentKey commitmentKey = CommitmentKey.loadOrCreate(dir.resolve("keys/commitment.secret"));
        Set<Bytes> coordinators = new HashSet<>();
        for (String hex : config.coordinatorKeys()) {
            coordinators.add(Bytes.fromHex(hex));
        }
        LedgerPolicy policy = new LedgerPolicy(config.origin(), Set.of(Bytes.of(verifierKey.publicKey().bytes())),
                coordinators, config.maxClockSkew());
        LedgerLog log = LedgerLog.open(dir.resolve("log"), policy, noteSigner);
        Sequencer sequencer = new Sequencer(log, clock, config.checkpointEvery(), config.checkpointPeriod(), 10_000);
        KafkaLedgerMirror mirror = null;
        SubmissionIntake intake = null;
        if (!config.kafkaBootstrap().isEmpty()) {
            mirror = new KafkaLedgerMirror(log, config.kafkaBootstrap(), config.topic(), config.kafkaClient().asMap());
            sequencer.onAppend(mirror::wake);
            mirror.start();
            intake = new SubmissionIntake(sequencer, config.kafkaBootstrap(), config.submissionsTopic(),
                    SubmissionIntake.DEFAULT_GROUP + "-" + config.origin().replaceAll("[^a-zA-Z0-9._-]", "_"), config.kafkaClient().asMap()).start();
        }
        return new LedgerService(config, log, sequencer, mirror, intake, commitmentKey, verifierKey, noteSigner.verifier(), clock);
    }

    public LedgerConfig config() {
        return config;
    }

    public LedgerLog log() {
        return log;
    }

    public Sequencer sequencer() {
        return sequencer;
    }

    public KafkaLedgerMirror mirror() {
        return mirror;
    }

    /** The submission intake, or {@code null} without Kafka. */
    public SubmissionIntake intake() {
        return intake;
    }

    public Clock clock() {
        return clock;
    }

    /** The checkpoint key in C2SP verifier-key form, for clients' configuration. */
    public NoteVerifier checkpointVerifier() {
        return checkpointVerifier;
    }

    public Bytes verifierKey() {
        return verifierKey;
    }

    public NormalizedIdentifier normalize(IdentifierKind kind, String raw) throws InvalidIdentifierException {
        return normalizer.normalize(kind, raw);
    }

    public Bytes commitmentOf(NormalizedIdentifier identifier) {
        return commitmentKey.commit(identifier);
    }

    /** Signs, as the identity verifier, that {@code subjectKey} proved ownership of {@code identifier}, and appends it. */
    public AppendReceipt appendBinding(Bytes subjectKey, NormalizedIdentifier identifier, String method)
            throws EntryRejectedException, InterruptedException {
        IdentifierBinding binding = new IdentifierBinding(identifier.kind(), commitmentOf(identifier), subjectKey, method);
        return sequencer.append(verifierSigner.sign(binding, clock.millis()));
    }

    @Override
    public void close() throws IOException {
        if (intake != null) {
            intake.close();
        }
        if (mirror != null) {
            mirror.close();
        }
        sequencer.close();
        log.close();
    }
}
