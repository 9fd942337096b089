package org.gleaner.coordinator.shard;

import org.gleaner.protocol.kafka.KafkaConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.coordinator.cli.RewardsCommand;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.durable.CoordinatorTopics;
import org.gleaner.coordinator.durable.JournalUnavailableException;
import org.gleaner.coordinator.durable.TopicReplay;
import org.gleaner.coordinator.reward.EpochCloser;
import org.gleaner.coordinator.reward.RewardPolicy;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.gleaner.protocol.ledger.RewardRoot;
import org.gleaner.protocol.reward.StatementBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Reward epochs of a shared frontier on a real broker: credits written by several partitions' transactions, an epoch
 * closed by the holder of the closer role, a closer that crashes between its cut and its publication, a zombie
 * closer fenced by the one that took over, and a transaction still open at the cut. One root per epoch, the
 * re-closed epoch has exactly the tree of the recorded cut, and the last epoch counts every credit once.
 */
class SharedRewardEpochsIT {
    private static final Topics TOPICS = new Topics("epochtest");

    @TempDir
    Path dir;

    private EmbeddedKafkaBroker broker;
    private ShardTopics topics;
    private KafkaProducer<String, byte[]> shardWriter;
    private final Ed25519KeyPair coordinatorKey = Ed25519KeyPair.generate();
    private final List<Ed25519KeyPair> nodes = List.of(Ed25519KeyPair.generate(), Ed25519KeyPair.generate(), Ed25519KeyPair.generate());
    private final Map<String, long[]> expected = new HashMap<>();
    private final EpochCloser closer = new EpochCloser(Fixtures.ORIGIN, coordinatorKey, RewardPolicy.DEFAULT);
    private int urlCounter;
    private int committedCredits;

    @BeforeEach
    void startBroker() {
        broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build();
        broker.start();
        broker.createTopic(TOPICS.pages(), 3, Map.of());
        broker.createTopic(TOPICS.links(), 3, Map.of());
        topics = new ShardTopics(new CoordinatorTopics(TOPICS));
        topics.ensureExist(broker.bootstrapServers());
        shardWriter = transactionalProducer("test-shard-ingest");
    }

    @AfterEach
    void stopBroker() {
        shardWriter.close();
        broker.close();
    }

    @Test
    void aCloserThatCrashesAfterItsCutIsCompletedByTheNextWithTheSameTreeAndOneRootPerEpoch() throws Exception {
        AtomicBoolean aOwnsPartitionZero = new AtomicBoolean(true);
        SharedRewardEpochs a = new SharedRewardEpochs("a", KafkaConnection.plaintext(broker.bootstrapServers()), topics, closer, Duration.ofHours(1),
                Clock.systemUTC(), aOwnsPartitionZero::get);
        creditBatch(5, 3, 2);
        EpochCloser.ClosedEpoch first = a.closeNow().orElseThrow();
        assertThat(first.root().epoch()).isEqualTo(1);
        assertAmounts(first);

        // A loses partition 0: it drops the role and closes nothing more.
        aOwnsPartitionZero.set(false);
        assertThat(a.closeNow()).isEmpty();

        // B holds the role, records the cut of epoch 2 and "crashes" before publishing it.
        creditBatch(1, 4, 0);
        Map<String, long[]> atCut = copy(expected);
        EpochCloserRole crashed = EpochCloserRole.take(KafkaConnection.plaintext(broker.bootstrapServers()), topics, closer);
        assertThat(crashed.lastEpoch()).isEqualTo(1);
        EpochRecord.Cut cut = crashed.cut(System.currentTimeMillis());
        assertThat(cut.epoch()).isEqualTo(2);
        creditBatch(2, 0, 7);
        // A shard transaction still open when the next epoch is cut: its credits must wait for the epoch after.
        shardWriter.beginTransaction();
        shardWriter.send(credit(nodes.get(0), 100)).get();

        // C takes the role over while B is still alive (a zombie), and finds B's cut unpublished.
        try (EpochCloserRole taken = EpochCloserRole.take(KafkaConnection.plaintext(broker.bootstrapServers()), topics, closer)) {
            assertThatThrownBy(() -> crashed.closeNow(System.currentTimeMillis()))
                    .as("the zombie closer is fenced: it publishes nothing").isInstanceOf(JournalUnavailableException.class);
            crashed.close();
            EpochCloser.ClosedEpoch second = taken.closeIfDue(System.currentTimeMillis(), Duration.ofHours(1)).orElseThrow();
            assertThat(second.root().epoch()).isEqualTo(2);
            assertThat(second.root().closedAtMillis()).as("the recorded cut's close time").isEqualTo(cut.closedAtMillis());
            assertAmounts(second, atCut);
            EpochCloser.ClosedEpoch rebuilt = closer.close(2, new CreditLog(KafkaConnection.plaintext(broker.bootstrapServers()), TOPICS.credits())
                    .creditsAt(cut.creditEnds()), cut.closedAtMillis());
            assertThat(second.root().rootHash()).as("the same tree as the cut gives").isEqualTo(rebuilt.root().rootHash());

            EpochCloser.ClosedEpoch third = taken.closeNow(System.currentTimeMillis());
            assertThat(third.root().epoch()).isEqualTo(3);
            assertAmounts(third);
            shardWriter.commitTransaction();
            committedCredits++;
            awaitVisible();
            expected.get(nodes.get(0).publicKey().fingerprint())[0]++;
            expected.get(nodes.get(0).publicKey().fingerprint())[1] += 100;
            EpochCloser.ClosedEpoch fourth = taken.closeNow(System.currentTimeMillis());
            assertAmounts(fourth);

            assertThat(publishedRootEpochs(4)).as("one root per epoch").containsExactly(1L, 2L, 3L, 4L);
            for (Ed25519KeyPair node : nodes) {
                assertThat(verify(fourth.statements().get(node.publicKey().fingerprint()), node)).isZero();
            }
        }
        a.close();
    }

    @Test
    void theRoleFollowsPartitionZeroAndTheScheduleCountsFromTheLastPublishedEpoch() throws Exception {
        AtomicBoolean aOwns = new AtomicBoolean(true);
        AtomicBoolean bOwns = new AtomicBoolean(false);
        long[] now = {1_000_000};
        Clock clockA = new FixedStepClock(now);
        try (SharedRewardEpochs a = new SharedRewardEpochs("a", KafkaConnection.plaintext(broker.bootstrapServers()), topics, closer, Duration.ofMinutes(1), clockA,
                aOwns::get);
                SharedRewardEpochs b = new SharedRewardEpochs("b", KafkaConnection.plaintext(broker.bootstrapServers()), topics, closer, Duration.ofMinutes(1), clockA,
                        bOwns::get)) {
            creditBatch(1, 1, 1);
            assertThat(a.tick()).as("the first epoch counts from when the role was first taken").isEmpty();
            now[0] += 61_000;
            assertThat(a.tick()).hasValueSatisfying(e -> assertThat(e.root().epoch()).isEqualTo(1));
            assertThat(b.tick()).as("B does not own partition 0").isEmpty();

            aOwns.set(false);
            bOwns.set(true);
            creditBatch(0, 2, 0);
            now[0] += 30_000;
            assertThat(b.tick()).as("half an epoch after the last close: not due").isEmpty();
            assertThat(b.lastEpoch()).isEqualTo(1);
            assertThat(b.latestStatements()).as("B serves the last epoch's statements").hasSize(3);
            now[0] += 31_000;
            EpochCloser.ClosedEpoch second = b.tick().orElseThrow();
            assertThat(second.root().epoch()).isEqualTo(2);
            assertAmounts(second);
            assertThat(a.tick()).isEmpty();
        }
        assertThat(publishedRootEpochs(2)).containsExactly(1L, 2L);
    }

    private static final class FixedStepClock extends Clock {
        private final long[] now;

        FixedStepClock(long[] now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.ofEpochMilli(now[0]);
        }
    }

    /** Credits {@code counts[i]} pages to node i in one committed shard transaction. */
    private void creditBatch(int... counts) throws Exception {
        shardWriter.beginTransaction();
        for (int i = 0; i < counts.length; i++) {
            for (int n = 0; n < counts[i]; n++) {
                long bytes = 10 + n;
                shardWriter.send(credit(nodes.get(i), bytes));
                long[] totals = expected.computeIfAbsent(nodes.get(i).publicKey().fingerprint(), k -> new long[2]);
                totals[0]++;
                totals[1] += bytes;
                committedCredits++;
            }
        }
        shardWriter.commitTransaction();
        awaitVisible();
    }

    /**
     * A commit returns before its markers are on every partition; until they are, a read_committed reader (and so a
     * cut) stops before the batch, which then counts in the next epoch. The test waits so that it knows which epoch.
     */
    private void awaitVisible() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (TopicReplay.readAll(broker.bootstrapServers(), TOPICS.credits(), CreditEvent.MAX_ENCODED).size() < committedCredits) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("committed credits did not become visible");
            }
            Thread.sleep(50);
        }
    }

    private ProducerRecord<String, byte[]> credit(Ed25519KeyPair node, long bytes) {
        String id = node.publicKey().fingerprint();
        CreditEvent event = CreditEvent.credited(id, "lease-" + urlCounter, "http://h" + urlCounter % 5 + ".example/" + urlCounter, bytes);
        urlCounter++;
        return new ProducerRecord<>(TOPICS.credits(), id, event.encode());
    }

    private void assertAmounts(EpochCloser.ClosedEpoch epoch) {
        assertAmounts(epoch, expected);
    }

    private void assertAmounts(EpochCloser.ClosedEpoch epoch, Map<String, long[]> totals) {
        assertThat(epoch.statements().keySet()).isEqualTo(totals.keySet());
        totals.forEach((node, t) -> {
            var statement = epoch.statements().get(node).statement().record();
            assertThat(statement.creditedPages()).as("pages of %s", node).isEqualTo(t[0]);
            assertThat(statement.cumulativeAmount()).as("amount of %s", node).isEqualTo(t[0] * 1_000_000 + t[1]);
        });
    }

    private static Map<String, long[]> copy(Map<String, long[]> m) {
        Map<String, long[]> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    /** The published roots, once at least {@code expected} are visible (a commit's markers land after it returns). */
    private List<Long> publishedRootEpochs(int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Long> out = publishedRootEpochs();
        while (out.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            out = publishedRootEpochs();
        }
        return out;
    }

    private List<Long> publishedRootEpochs() throws Exception {
        List<Long> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(broker.bootstrapServers(), TOPICS.ledgerSubmissions(),
                LedgerEntry.MAX_ENCODED + 256)) {
            Signed<LedgerEntry> entry = Signed.decode(r.value(), LedgerEntry.MAX_ENCODED, "entry", LedgerEntry::read);
            assertThat(entry.verifies(Fixtures.ORIGIN, coordinatorKey.publicKey())).isTrue();
            out.add(RewardRoot.decode(entry.record().payload().toArray()).epoch());
        }
        return out;
    }

    /** Runs {@code gleaner rewards verify} on the node's statement file. */
    private int verify(StatementBundle bundle, Ed25519KeyPair node) throws Exception {
        Path file = dir.resolve(node.publicKey().fingerprint() + ".statement");
        Files.write(file, bundle.encode().toArray());
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new RewardsCommand());
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("verify", "--statement", file.toString(), "--coordinator-key", coordinatorKey.publicKey().fingerprint(),
                "--node-key", node.publicKey().fingerprint(), "--origin", Fixtures.ORIGIN);
        assertThat(err.toString()).isEmpty();
        return code;
    }

    private KafkaProducer<String, byte[]> transactionalProducer(String id) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        KafkaProducer<String, byte[]> p = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        p.initTransactions();
        return p;
    }
}
