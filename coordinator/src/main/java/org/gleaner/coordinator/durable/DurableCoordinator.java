package org.gleaner.coordinator.durable;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.ingest.CommitHook;
import org.gleaner.coordinator.ingest.ContributionIngest;
import org.gleaner.coordinator.journal.JournalCodec;
import org.gleaner.coordinator.journal.JournalEvent;
import org.gleaner.coordinator.reward.EpochCloser;
import org.gleaner.coordinator.reward.RewardEpochs;
import org.gleaner.coordinator.reward.RewardPolicy;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.reward.StatementBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.gleaner.protocol.kafka.KafkaConnection;

/**
 * A coordinator whose state survives a crash: opening one fences the previous instance (same transactional
 * ids), replays the journal and the credits topic into a fresh {@link Coordinator}, and prepares the
 * exactly-once ingest, which resumes after the last committed batch. Start the ingest with {@link #ingest()}
 * on a thread of its own.
 */
public final class DurableCoordinator implements AutoCloseable {
    public static final Duration DEFAULT_EPOCH = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(DurableCoordinator.class);

    private final Coordinator coordinator;
    private final KafkaJournal journal;
    private final ContributionIngest ingest;
    private final KafkaRewardRootPublisher publisher;
    private final RewardEpochs epochs;

    private DurableCoordinator(Coordinator coordinator, KafkaJournal journal, ContributionIngest ingest,
            KafkaRewardRootPublisher publisher, RewardEpochs epochs) {
        this.coordinator = coordinator;
        this.journal = journal;
        this.ingest = ingest;
        this.publisher = publisher;
        this.epochs = epochs;
    }

    public static DurableCoordinator open(CoordinatorConfig config, Ed25519KeyPair key, Clock clock, String bootstrapServers,
            Topics topics) {
        return open(config, key, clock, bootstrapServers, topics, "main", DEFAULT_EPOCH, CommitHook.NONE, new SimpleMeterRegistry());
    }

    /** {@code instance} names this coordinator's transactional ids: a restarted instance must reuse its name. */
    public static DurableCoordinator open(CoordinatorConfig config, Ed25519KeyPair key, Clock clock, String bootstrapServers,
            Topics topics, String instance, Duration epochLength, CommitHook commitHook, MeterRegistry metrics) {
        return open(config, key, clock, KafkaConnection.plaintext(bootstrapServers), topics, instance, epochLength, commitHook, metrics);
    }

    /** As above, signing in to Kafka as {@code kafka} says. */
    public static DurableCoordinator open(CoordinatorConfig config, Ed25519KeyPair key, Clock clock, KafkaConnection kafka,
            Topics topics, String instance, Duration epochLength, CommitHook commitHook, MeterRegistry metrics) {
        if (!instance.matches("[a-zA-Z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("instance name must be 1-64 of [a-zA-Z0-9._-]");
        }
        CoordinatorTopics owned = new CoordinatorTopics(topics);
        owned.ensureExist(kafka);
        KafkaJournal journal = new KafkaJournal(kafka, owned.journal(), null, "gleaner-coordinator-journal-" + instance);
        Coordinator coordinator = new Coordinator(config, key, clock, journal, metrics);
        ContributionIngest ingest = null;
        KafkaRewardRootPublisher publisher = null;
        try {
            publisher = new KafkaRewardRootPublisher(kafka, owned, "gleaner-coordinator-rewards-" + instance);
            ingest = new ContributionIngest(coordinator, kafka, owned, clock,
                    "gleaner-coordinator-ingest-" + instance, commitHook);
            List<JournalEvent> events = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(kafka, owned.journal(), JournalCodec.MAX_ENCODED)) {
                events.add(JournalCodec.decode(r.value()));
            }
            List<CreditEvent> credits = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(kafka, owned.credits(), CreditEvent.MAX_ENCODED)) {
                credits.add(CreditEvent.decode(r.value()));
            }
            coordinator.restore(events, credits);
            log.info("coordinator state replayed: {} journal events, {} credit events", events.size(), credits.size());
            RewardEpochs epochs = new RewardEpochs(new EpochCloser(config.origin(), key, RewardPolicy.DEFAULT), publisher,
                    epochLength);
            if (coordinator.restoredEpoch().isPresent()) {
                JournalEvent.EpochClosed last = coordinator.restoredEpoch().get();
                epochs.restore(last.epoch(), last.closedAtMillis(), statementsOf(kafka, owned, last.epoch()));
            }
            ingest.closeEpochs(epochs);
            return new DurableCoordinator(coordinator, journal, ingest, publisher, epochs);
        } catch (MalformedRecordException e) {
            closeQuietly(ingest, journal, publisher);
            throw new IllegalStateException("the coordinator's own topics hold a record it cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ingest, journal, publisher);
            throw e;
        }
    }

    /** The statements of one epoch, by node id, from the statements topic (committed records only). */
    private static java.util.Map<String, StatementBundle> statementsOf(KafkaConnection kafka, CoordinatorTopics topics, long epoch)
            throws MalformedRecordException {
        java.util.Map<String, StatementBundle> out = new java.util.HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(kafka, topics.statements(), StatementBundle.MAX_ENCODED)) {
            StatementBundle bundle = StatementBundle.decode(r.value());
            if (bundle.statement().record().epoch() == epoch) {
                out.put(bundle.statement().record().nodeKey().hex(), bundle);
            }
        }
        return out;
    }

    private static void closeQuietly(ContributionIngest ingest, KafkaJournal journal, KafkaRewardRootPublisher publisher) {
        if (ingest != null) {
            ingest.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        journal.close();
    }

    public RewardEpochs epochs() {
        return epochs;
    }

    public Coordinator coordinator() {
        return coordinator;
    }

    public ContributionIngest ingest() {
        return ingest;
    }

    @Override
    public void close() {
        ingest.close();
        publisher.close();
        journal.close();
    }
}
