package org.gleaner.ledger.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.ledger.TestLedger.NOW;
import static org.gleaner.ledger.TestLedger.commitment;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.ledger.TestLedger;
import org.gleaner.ledger.entry.EntrySigner;
import org.gleaner.ledger.log.LedgerLog;
import org.gleaner.ledger.log.Sequencer;
import org.gleaner.ledger.mirror.KafkaLedgerMirror;
import org.gleaner.ledger.mirror.LedgerTopic;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log mirrored to a real broker, followed by a consent view, across a restart of the ledger. */
class LedgerKafkaIT {
    private final TestLedger t = new TestLedger();
    private final String topic = Topics.DEFAULT.ledger();
    @TempDir
    Path dir;

    private Sequencer openSequencer() throws Exception {
        return new Sequencer(LedgerLog.open(dir.resolve("ledger"), t.policy, t.noteSigner()),
                Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), 1000, Duration.ofHours(1), 1024);
    }

    private static KafkaLedgerMirror mirror(Sequencer sequencer, EmbeddedKafkaBroker kafka, String topic) {
        KafkaLedgerMirror mirror = new KafkaLedgerMirror(sequencer.log(), kafka.bootstrapServers(), topic, Map.of());
        sequencer.onAppend(mirror::wake);
        return mirror.start();
    }

    @Test
    void entriesReachTheTopicInOrderOnceEachAndTheViewFollowsThem() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build()) {
            kafka.start();
            Ed25519KeyPair aliceKey = Ed25519KeyPair.generate();
            EntrySigner alice = TestLedger.subject(aliceKey);

            Sequencer sequencer = openSequencer();
            KafkaLedgerMirror mirror = mirror(sequencer, kafka, topic);
            sequencer.append(TestLedger.register(alice));
            sequencer.append(t.bind(aliceKey, commitment(1)));
            Bytes grantId = sequencer.append(alice.sign(TestLedger.grant(List.of(commitment(1)), "train-ai"), NOW)).leafHash();
            for (int i = 0; i < 50; i++) {
                sequencer.append(TestLedger.register(TestLedger.subject(Ed25519KeyPair.generate())));
            }
            byte[] granted = sequencer.checkpointNow();

            // The ledger restarts; the mirror must resume at the topic's end, not from zero.
            mirror.close();
            sequencer.close();
            sequencer.log().close();
            sequencer = openSequencer();
            mirror = mirror(sequencer, kafka, topic);
            sequencer.append(TestLedger.revoke(alice, grantId));
            byte[] revoked = sequencer.checkpointNow();
            long size = sequencer.log().size();

            ConsentView view = new ConsentView(t.policy, t.noteSigner().verifier());
            try (KafkaLedgerFollower follower = new KafkaLedgerFollower(view, kafka.bootstrapServers(), topic, Map.of())) {
                assertThat(follower.catchUpTo(size, Duration.ofSeconds(60))).isTrue();
            }
            VerifiedCheckpoint a = view.verify(granted);
            VerifiedCheckpoint b = view.verify(revoked);
            assertThat(view.licensed(commitment(1), "train-ai", a, NOW, Set.of()).grantIds()).containsExactly(grantId);
            assertThat(view.licensed(commitment(1), "train-ai", b, NOW, Set.of()).licensed()).isFalse();
            assertThat(view.revokedBetween(a, b)).extracting(GrantEvidence::grantId).containsExactly(grantId);

            List<ConsumerRecord<byte[], byte[]>> records = readAll(kafka.bootstrapServers(), size);
            assertThat(records).hasSize((int) size);
            for (int i = 0; i < records.size(); i++) {
                assertThat(LedgerTopic.index(records.get(i).key())).isEqualTo(i);
                assertThat(records.get(i).value()).isEqualTo(sequencer.log().entry(i));
            }
            assertThat(mirror.mirroredSize()).isEqualTo(size);
            mirror.close();
            sequencer.close();
            sequencer.log().close();
        }
    }

    @Test
    void aFollowerRefusesAForgedRecordOnTheTopic() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build()) {
            kafka.start();
            kafka.createTopic("forged.ledger", 1, LedgerTopic.CONFIG);
            Properties props = new Properties();
            props.put("bootstrap.servers", kafka.bootstrapServers());
            try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(props,
                    new org.apache.kafka.common.serialization.ByteArraySerializer(),
                    new org.apache.kafka.common.serialization.ByteArraySerializer())) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("forged.ledger", 0, LedgerTopic.key(0),
                        new byte[] {1, 2, 3})).get();
            }
            ConsentView view = new ConsentView(t.policy, t.noteSigner().verifier());
            try (KafkaLedgerFollower follower = new KafkaLedgerFollower(view, kafka.bootstrapServers(), "forged.ledger", Map.of())) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> follower.catchUpTo(1, Duration.ofSeconds(30)))
                        .isInstanceOf(LedgerFeedException.class).hasMessageContaining("L100");
            }
            assertThat(view.size()).isZero();
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, long expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && consumer.position(partition) < consumer.endOffsets(List.of(partition)).get(partition)) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        assertThat(out.size()).isGreaterThanOrEqualTo((int) Math.min(expected, 1));
        return out;
    }
}
