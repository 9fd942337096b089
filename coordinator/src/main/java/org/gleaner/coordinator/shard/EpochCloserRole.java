package org.gleaner.coordinator.shard;

import org.gleaner.protocol.kafka.KafkaConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gleaner.coordinator.durable.JournalUnavailableException;
import org.gleaner.coordinator.durable.TopicReplay;
import org.gleaner.coordinator.reward.EpochCloser;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.reward.StatementBundle;

/**
 * The one closer of reward epochs in a shared frontier, held by the owner of frontier partition 0. Taking the role
 * opens a producer whose transactional id names the role, not the instance, so it fences any previous closer (a
 * zombie that missed the rebalance can publish nothing more), and only then reads the epochs topic: it sees every
 * epoch the previous closer published, and any cut it recorded but did not publish, which it completes with the same
 * credit offsets and close time (so the same tree).
 *
 * <p>Closing an epoch is two transactions: the cut (epoch number, close time, the credits topic's committed end
 * offsets), then the tree built from the credits before the cut, published with the signed reward-root ledger entry,
 * every node's statement and the epoch's {@link EpochRecord.Closed} record. A crash leaves a whole epoch or none.
 */
final class EpochCloserRole implements AutoCloseable {
    static final String TRANSACTIONAL_ID = "gleaner-coordinator-shared-rewards";

    private final KafkaProducer<String, byte[]> producer;
    private final ShardTopics topics;
    private final CreditLog credits;
    private final EpochCloser closer;
    private long lastEpoch;
    private long lastClosedAtMillis = -1;
    private EpochRecord.Cut pending;
    private Map<String, StatementBundle> latest = Map.of();

    private EpochCloserRole(KafkaProducer<String, byte[]> producer, ShardTopics topics, CreditLog credits, EpochCloser closer) {
        this.producer = producer;
        this.topics = topics;
        this.credits = credits;
        this.closer = closer;
    }

    /** Fences the previous closer, then learns the last published epoch and any cut left unpublished. */
    static EpochCloserRole take(KafkaConnection kafka, ShardTopics topics, EpochCloser closer) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ShardKafkaClients.epochCloserProducer(kafka, TRANSACTIONAL_ID), new StringSerializer(), new ByteArraySerializer());
        EpochCloserRole role = new EpochCloserRole(producer, topics, new CreditLog(kafka, topics.owned().credits()), closer);
        try {
            producer.initTransactions();
            role.restore(kafka);
            return role;
        } catch (RuntimeException e) {
            role.close();
            throw e;
        }
    }

    private void restore(KafkaConnection kafka) {
        for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(kafka, topics.epochs(), EpochRecord.MAX_ENCODED)) {
            EpochRecord record;
            try {
                record = EpochRecord.decode(r.value());
            } catch (MalformedRecordException e) {
                throw new IllegalStateException("the epochs topic holds a record no coordinator wrote at offset " + r.offset() + ": "
                        + e.getMessage(), e);
            }
            if (record instanceof EpochRecord.Closed closed && closed.epoch() > lastEpoch) {
                lastEpoch = closed.epoch();
                lastClosedAtMillis = closed.closedAtMillis();
            } else if (record instanceof EpochRecord.Cut cut) {
                pending = cut;
            }
        }
        if (pending != null && pending.epoch() <= lastEpoch) {
            pending = null;
        }
        if (lastEpoch > 0) {
            latest = statementsOf(kafka, lastEpoch);
        }
    }

    private Map<String, StatementBundle> statementsOf(KafkaConnection kafka, long epoch) {
        Map<String, StatementBundle> out = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(kafka, topics.owned().statements(),
                StatementBundle.MAX_ENCODED)) {
            try {
                StatementBundle bundle = StatementBundle.decode(r.value());
                if (bundle.statement().record().epoch() == epoch) {
                    out.put(bundle.statement().record().nodeKey().hex(), bundle);
                }
            } catch (MalformedRecordException e) {
                throw new IllegalStateException("the statements topic holds a record no coordinator wrote: " + e.getMessage(), e);
            }
        }
        return Map.copyOf(out);
    }

    /**
     * Closes the next epoch if {@code length} has passed since the last one closed, or at once if a cut was left
     * unpublished. The first epoch a network ever closes counts from the moment the role was first taken.
     */
    synchronized Optional<EpochCloser.ClosedEpoch> closeIfDue(long nowMillis, Duration length) {
        if (pending != null) {
            return Optional.of(publish(pending));
        }
        if (lastClosedAtMillis < 0) {
            lastClosedAtMillis = nowMillis;
            return Optional.empty();
        }
        if (nowMillis - lastClosedAtMillis < length.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(closeNow(nowMillis));
    }

    /** Closes the next epoch now (or completes the one whose cut is recorded) and publishes it. */
    synchronized EpochCloser.ClosedEpoch closeNow(long nowMillis) {
        return publish(pending != null ? pending : cut(nowMillis));
    }

    /** Records what the next epoch covers: the credits topic's committed ends now. */
    synchronized EpochRecord.Cut cut(long nowMillis) {
        EpochRecord.Cut cut = new EpochRecord.Cut(lastEpoch + 1, nowMillis, credits.committedEnds());
        inTransaction("recording the cut of epoch " + cut.epoch(), () ->
                producer.send(new ProducerRecord<>(topics.epochs(), null, EpochRecord.encode(cut))));
        pending = cut;
        return cut;
    }

    private EpochCloser.ClosedEpoch publish(EpochRecord.Cut cut) {
        EpochCloser.ClosedEpoch epoch = closer.close(cut.epoch(), credits.creditsAt(cut.creditEnds()), cut.closedAtMillis());
        EpochRecord.Closed closed = new EpochRecord.Closed(cut.epoch(), cut.closedAtMillis(), cut.creditEnds(),
                epoch.root().treeSize(), epoch.root().rootHash());
        inTransaction("publishing epoch " + cut.epoch(), () -> {
            producer.send(new ProducerRecord<>(topics.owned().ledgerSubmissions(), null, epoch.ledgerEntry().encode().toArray()));
            for (Map.Entry<String, StatementBundle> statement : epoch.statements().entrySet()) {
                producer.send(new ProducerRecord<>(topics.owned().statements(), statement.getKey(), statement.getValue().encode().toArray()));
            }
            producer.send(new ProducerRecord<>(topics.epochs(), null, EpochRecord.encode(closed)));
        });
        pending = null;
        lastEpoch = cut.epoch();
        lastClosedAtMillis = cut.closedAtMillis();
        latest = epoch.statements();
        return epoch;
    }

    private void inTransaction(String what, Runnable sends) {
        try {
            producer.beginTransaction();
            sends.run();
            producer.commitTransaction();
        } catch (KafkaException e) {
            // Fenced by a newer closer, or the broker failed: nothing of this transaction becomes visible.
            throw new JournalUnavailableException(what + " failed: " + e.getMessage(), e);
        }
    }

    synchronized long lastEpoch() {
        return lastEpoch;
    }

    /** The statements of the last published epoch, by node id. */
    synchronized Map<String, StatementBundle> latestStatements() {
        return latest;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
