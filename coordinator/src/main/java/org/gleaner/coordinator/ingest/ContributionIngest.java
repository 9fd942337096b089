package org.gleaner.coordinator.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.durable.CoordinatorTopics;
import org.gleaner.coordinator.journal.JournalCodec;
import org.gleaner.coordinator.journal.JournalEvent;
import org.gleaner.coordinator.reward.RewardEpochs;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.lease.LeasedUrl;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.protocol.page.LinkBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.gleaner.protocol.kafka.KafkaConnection;

/**
 * Feeds the coordinator from Kafka, exactly once: each polled batch of pages and links is judged, and its
 * credit events (to the credits topic), the URLs its links queued (to the journal) and the consumer offsets
 * are committed in one Kafka transaction. A crash before the commit leaves nothing visible to read_committed
 * readers, and the batch is judged again after the restart. Tells the coordinator when it has consumed
 * everything that was in the topics when a check began, which is how settled leases get released and how
 * the coordinator knows a job is finished. Malformed records are refused with a reason code and skipped.
 */
public final class ContributionIngest implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ContributionIngest.class);
    public static final String GROUP_ID = "gleaner-coordinator";

    private final Coordinator coordinator;
    private final CoordinatorTopics topics;
    private final Clock clock;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final CommitHook commitHook;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile Throwable failure;
    private volatile boolean crashed;
    private volatile boolean started;
    private long batches;
    private final List<CreditEvent> judgedOutcomes = new ArrayList<>();
    private volatile RewardEpochs epochs;
    private final AtomicBoolean closeEpochRequested = new AtomicBoolean();

    /**
     * Creates the clients and fences any earlier ingest with the same transactional id (aborting its open
     * transaction), so the credits topic can be replayed to its true end before this ingest starts.
     */
    public ContributionIngest(Coordinator coordinator, String bootstrapServers, CoordinatorTopics topics, Clock clock,
            String transactionalId, CommitHook commitHook) {
        this(coordinator, KafkaConnection.plaintext(bootstrapServers), topics, clock, transactionalId, commitHook);
    }

    /** As above, signing in to Kafka as {@code kafka} says. */
    public ContributionIngest(Coordinator coordinator, KafkaConnection kafka, CoordinatorTopics topics, Clock clock,
            String transactionalId, CommitHook commitHook) {
        this.coordinator = coordinator;
        this.topics = topics;
        this.clock = clock;
        this.commitHook = commitHook;
        Properties consumerProps = kafka.clientProperties();
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(FetchedPage.MAX_ENCODED));
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        Properties producerProps = kafka.clientProperties();
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "30000");
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    @Override
    public void run() {
        started = true;
        try {
            consumer.assign(partitionsOf(List.of(topics.pages(), topics.links())));
            while (running.get()) {
                long checkStarted = clock.millis();
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (!records.isEmpty()) {
                    commitBatch(records);
                }
                coordinator.tick();
                commitUnjudgedSpotChecks();
                if (caughtUp()) {
                    coordinator.caughtUp(checkStarted);
                }
                closeEpochIfDue();
            }
        } catch (CommitHook.SimulatedCrash e) {
            crashed = true;
            failure = e;
            log.warn("ingest stopped by a simulated crash: {}", e.getMessage());
        } catch (WakeupException e) {
            if (running.get()) {
                failure = e;
            }
        } catch (KafkaException | IllegalStateException | org.gleaner.coordinator.durable.JournalUnavailableException e) {
            // The in-memory state may now be ahead of what was committed: only a restart (replay) is safe.
            failure = e;
            log.error("ingest stopped; restart the coordinator to resume from the last committed batch: {}", e.toString());
        } finally {
            if (!crashed) {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            }
        }
    }

    /** Reward epochs close here, between batches, where the credit book equals the committed credits. */
    private void closeEpochIfDue() {
        RewardEpochs e = epochs;
        if (e == null) {
            return;
        }
        if (closeEpochRequested.getAndSet(false)) {
            e.closeNow(coordinator, clock.millis());
        } else {
            e.closeIfDue(coordinator, clock.millis());
        }
    }

    /** Closes reward epochs on their schedule from now on. */
    public void closeEpochs(RewardEpochs rewardEpochs) {
        this.epochs = rewardEpochs;
    }

    /** Asks the ingest to close the next epoch after its current batch. */
    public void requestEpochClose() {
        closeEpochRequested.set(true);
    }

    /** Spot checks that no node leased within the bound (decided by {@code tick}), committed on their own. */
    private void commitUnjudgedSpotChecks() {
        List<CreditEvent> unjudged = coordinator.drainSpotCheckOutcomes();
        if (unjudged.isEmpty()) {
            return;
        }
        producer.beginTransaction();
        for (CreditEvent outcome : unjudged) {
            producer.send(new ProducerRecord<>(topics.credits(), outcome.nodeId(), outcome.encode()));
        }
        producer.commitTransaction();
        unjudged.forEach(coordinator.signals()::committed);
    }

    private void commitBatch(ConsumerRecords<String, byte[]> records) {
        producer.beginTransaction();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        List<CreditEvent> judged = new ArrayList<>();
        judgedOutcomes.clear();
        for (ConsumerRecord<String, byte[]> record : records) {
            handle(record).ifPresent(judged::add);
            next.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        producer.sendOffsetsToTransaction(next, consumer.groupMetadata());
        commitHook.beforeCommit(++batches);
        producer.commitTransaction();
        judged.forEach(coordinator.signals()::committed);
        judgedOutcomes.forEach(coordinator.signals()::committed);
    }

    private Optional<CreditEvent> handle(ConsumerRecord<String, byte[]> record) {
        if (record.topic().equals(topics.pages())) {
            CreditEvent event;
            try {
                event = coordinator.acceptPage(FetchedPage.decode(record.value()));
            } catch (MalformedRecordException e) {
                event = coordinator.refuseMalformed();
                log.warn("refused malformed page record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            }
            producer.send(new ProducerRecord<>(topics.credits(), event.nodeId(), event.encode()));
            for (CreditEvent outcome : coordinator.drainSpotCheckOutcomes()) {
                producer.send(new ProducerRecord<>(topics.credits(), outcome.nodeId(), outcome.encode()));
                judgedOutcomes.add(outcome);
            }
            return Optional.of(event);
        }
        SignedLinks.Verdict verdict = SignedLinks.check(record.value(), coordinator.config().origin());
        if (verdict instanceof SignedLinks.Refused refused) {
            log.warn("refused link record {}-{}@{}: {} {}", record.topic(), record.partition(), record.offset(),
                    refused.reason().code(), refused.detail());
            CreditEvent event = coordinator.refuseLinks(refused.reason());
            producer.send(new ProducerRecord<>(topics.credits(), event.nodeId(), event.encode()));
            return Optional.of(event);
        }
        {
            LinkBatch links = ((SignedLinks.Accepted) verdict).batch();
            List<LeasedUrl> added = coordinator.acceptLinks(links);
            Optional<String> jobId = coordinator.currentJobId();
            if (!added.isEmpty() && jobId.isPresent()) {
                producer.send(new ProducerRecord<>(topics.journal(), JournalCodec.encode(new JournalEvent.UrlsQueued(jobId.get(), added))));
            }
        }
        return Optional.empty();
    }

    private List<TopicPartition> partitionsOf(List<String> topicNames) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topicNames) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        return partitions;
    }

    private boolean caughtUp() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(10));
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** Why the ingest stopped on its own, if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        if (crashed || !started) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
        producer.close(Duration.ofSeconds(5));
    }
}
