package org.gleaner.ledger.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.durable.DurableCoordinator;
import org.gleaner.coordinator.reward.EpochCloser;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.ledger.entry.EntrySigner;
import org.gleaner.ledger.service.LedgerConfig;
import org.gleaner.ledger.service.LedgerService;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.ledger.EntryType;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.gleaner.protocol.ledger.RewardRoot;
import org.gleaner.protocol.merkle.InclusionVerifier;
import org.gleaner.protocol.note.Checkpoint;
import org.gleaner.protocol.note.SignedNote;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real coordinator closes epochs; the ledger adopts its reward roots from the submissions topic. */
class SubmissionIntakeIT {
    private static final String ORIGIN = "intake.test.gleaner/network";
    private static final Topics TOPICS = new Topics("intake");
    private static final String GROUP = SubmissionIntake.DEFAULT_GROUP + "-" + ORIGIN.replaceAll("[^a-zA-Z0-9._-]", "_");

    @TempDir
    Path dir;
    private EmbeddedKafkaBroker broker;
    private final Ed25519KeyPair coordinatorKey = Ed25519KeyPair.generate();
    private LedgerConfig config;

    @BeforeEach
    void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build();
        broker.start();
        config = LedgerConfig.defaults(dir.resolve("ledger"), ORIGIN)
                .withCoordinatorKeys(List.of(Bytes.of(coordinatorKey.publicKey().bytes()).hex()))
                .withKafka(broker.bootstrapServers(), TOPICS.ledger());
    }

    @AfterEach
    void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    void adoptsClosedEpochsRefusesBadSubmissionsAndNeverAppendsARedeliveryTwice() throws Exception {
        assertThat(config.submissionsTopic()).isEqualTo(TOPICS.ledgerSubmissions());
        LedgerService ledger = LedgerService.open(config, Clock.systemUTC());
        long sizeAfterAdoption;
        long committedBeforeCrash;
        EpochCloser.ClosedEpoch fourth;
        try (DurableCoordinator coordinator = DurableCoordinator.open(CoordinatorConfig.defaults(ORIGIN), coordinatorKey,
                Clock.systemUTC(), broker.bootstrapServers(), TOPICS)) {
            EpochCloser.ClosedEpoch first = coordinator.epochs().closeNow(coordinator.coordinator(), System.currentTimeMillis());
            EpochCloser.ClosedEpoch second = coordinator.epochs().closeNow(coordinator.coordinator(), System.currentTimeMillis());
            await(() -> ledger.intake().appendedCount() == 2, "both reward roots are adopted");
            assertThat(ledger.log().size()).isEqualTo(2);

            byte[] note = ledger.sequencer().checkpointNow();
            Checkpoint checkpoint = Checkpoint.parse(SignedNote.open(note, ledger.checkpointVerifier()).text());
            assertThat(checkpoint.size()).isEqualTo(2);
            for (int i = 0; i < 2; i++) {
                EpochCloser.ClosedEpoch epoch = i == 0 ? first : second;
                byte[] stored = ledger.log().entry(i);
                assertThat(stored).isEqualTo(epoch.ledgerEntry().encode().toArray());
                LedgerEntry entry = Signed.decode(stored, LedgerEntry.MAX_ENCODED, "ledgerEntry", LedgerEntry::read).record();
                assertThat(entry.type()).isEqualTo(EntryType.REWARD_ROOT);
                InclusionVerifier.verify(i, checkpoint.size(), ledger.log().leafHash(i), ledger.log().inclusionProof(i, checkpoint.size()),
                        checkpoint.rootHash());
            }

            // Garbage, a reward root from a key that is not a coordinator, a replayed old epoch, and an aborted transaction.
            EntrySigner impostor = new EntrySigner(Ed25519KeyPair.generate(), ORIGIN);
            EntrySigner realCoordinator = new EntrySigner(coordinatorKey, ORIGIN);
            try (KafkaProducer<byte[], byte[]> producer = producer(null)) {
                producer.send(new ProducerRecord<>(TOPICS.ledgerSubmissions(), new byte[] {1, 2, 3})).get();
                producer.send(new ProducerRecord<>(TOPICS.ledgerSubmissions(),
                        impostor.sign(new RewardRoot(3, 0, Bytes.of(new byte[32]), System.currentTimeMillis()), System.currentTimeMillis()).encode().toArray())).get();
                producer.send(new ProducerRecord<>(TOPICS.ledgerSubmissions(),
                        realCoordinator.sign(new RewardRoot(1, 0, Bytes.of(new byte[32]), System.currentTimeMillis()), System.currentTimeMillis()).encode().toArray())).get();
            }
            try (KafkaProducer<byte[], byte[]> producer = producer("intake-test-aborted")) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPICS.ledgerSubmissions(),
                        realCoordinator.sign(new RewardRoot(9, 0, Bytes.of(new byte[32]), System.currentTimeMillis()), System.currentTimeMillis()).encode().toArray())).get();
                producer.abortTransaction();
            }
            EpochCloser.ClosedEpoch third = coordinator.epochs().closeNow(coordinator.coordinator(), System.currentTimeMillis());
            await(() -> ledger.intake().appendedCount() == 3, "the third epoch is adopted after the refused submissions");
            assertThat(ledger.intake().refusedCount()).isEqualTo(3);
            assertThat(ledger.log().size()).as("refused and aborted submissions append nothing").isEqualTo(3);
            assertThat(ledger.log().entry(2)).isEqualTo(third.ledgerEntry().encode().toArray());
            sizeAfterAdoption = ledger.log().size();
            committedBeforeCrash = committedOffset();
            ledger.close();
            // The ledger is down while the next epoch closes.
            fourth = coordinator.epochs().closeNow(coordinator.coordinator(), System.currentTimeMillis());
        }

        // A crash after the appends but before the offset commits: the whole topic comes again. The ledger
        // comes back an hour later, past the allowed clock skew: the waiting reward root is still adopted.
        rewindIntakeOffsets();
        LedgerService restarted = LedgerService.open(config, Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));
        try {
            await(() -> restarted.intake().refusedCount() == 6 && restarted.intake().appendedCount() == 1,
                    "every re-delivered submission is refused and the waiting one adopted");
            assertThat(restarted.log().size()).as("no re-delivered entry is appended twice").isEqualTo(sizeAfterAdoption + 1);
            assertThat(restarted.log().entry(sizeAfterAdoption)).isEqualTo(fourth.ledgerEntry().encode().toArray());
            assertThat(committedOffset()).isGreaterThan(committedBeforeCrash);
        } finally {
            restarted.close();
        }
    }

    private void rewindIntakeOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.alterConsumerGroupOffsets(GROUP, Map.of(new TopicPartition(TOPICS.ledgerSubmissions(), 0), new OffsetAndMetadata(0)))
                    .all().get();
        }
    }

    private long committedOffset() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(TOPICS.ledgerSubmissions(), 0)).offset();
        }
    }

    private KafkaProducer<byte[], byte[]> producer(String transactionalId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
