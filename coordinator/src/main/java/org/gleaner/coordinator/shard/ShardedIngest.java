package org.gleaner.coordinator.shard;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.coordinator.frontier.UrlNormalizer;
import org.gleaner.coordinator.ingest.SignedLinks;
import org.gleaner.coordinator.journal.JournalCodec;
import org.gleaner.coordinator.journal.JournalEvent;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.lease.LeasedUrl;
import org.gleaner.protocol.kafka.KafkaConnection;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.protocol.page.LinkBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest of one coordinator instance in a shared frontier. The instance is a member of one consumer group over
 * the pages, links and routed-URL topics; the {@link CoPartitionedAssignor} gives partition {@code p} of all three to
 * the same member (they have the same number of partitions), and that member owns frontier partition {@code p}: it
 * opens the {@link FrontierShard} when the partition is assigned and drops it when it is revoked. Rebalances are
 * cooperative, so the partitions that keep their owner keep their shard. Each polled batch is
 * committed per partition, in the shard's own transaction (credits, journaled URLs, URLs routed to other partitions
 * and the consumer offsets), so a crash or a hand-over never loses or doubles a credit.
 */
final class ShardedIngest implements Runnable, AutoCloseable {
    static final String GROUP_ID = "gleaner-coordinator-shards";
    /** A node id as lease requests name it (the key's 64 hex digits); a report naming anything else is dropped. */
    private static final java.util.regex.Pattern NODE_ID = java.util.regex.Pattern.compile("[0-9a-f]{64}");
    private static final Logger log = LoggerFactory.getLogger(ShardedIngest.class);

    private final ShardTopics topics;
    private final HostPartitioner partitioner;
    private final Clock clock;
    private final IntFunction<FrontierShard> opener;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<Integer, FrontierShard> shards = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    static final long BUDGET_REQUEST_INTERVAL_MILLIS = 2_000;
    private final Map<String, long[]> lastBudgetRequest = new HashMap<>();
    private volatile Throwable failure;
    private final AtomicInteger rebuiltAfterRebalance = new AtomicInteger();
    private final AtomicInteger staleBatches = new AtomicInteger();

    private final String name;

    ShardedIngest(String name, KafkaConnection kafka, ShardTopics topics, HostPartitioner partitioner, Clock clock,
            IntFunction<FrontierShard> opener) {
        this.name = name;
        this.topics = topics;
        this.partitioner = partitioner;
        this.clock = clock;
        this.opener = opener;
        this.consumer = new KafkaConsumer<>(ShardKafkaClients.ingestConsumer(kafka, name), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The shards this instance owns now (a snapshot: a hand-over may take one away at any time). */
    List<FrontierShard> shards() {
        return List.copyOf(shards.values());
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topics.owned().pages(), topics.owned().links(), topics.frontier()), new Handover());
            while (running.get()) {
                long checkStarted = clock.millis();
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                Map<Integer, List<ConsumerRecord<String, byte[]>>> byPartition = new HashMap<>();
                for (ConsumerRecord<String, byte[]> r : records) {
                    byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r);
                }
                for (Map.Entry<Integer, List<ConsumerRecord<String, byte[]>>> e : byPartition.entrySet()) {
                    FrontierShard shard = shards.get(e.getKey());
                    if (shard == null) {
                        throw new IllegalStateException("records of partition " + e.getKey() + " without its shard");
                    }
                    commit(shard, e.getValue());
                }
                markCaughtUp(checkStarted);
            }
        } catch (WakeupException e) {
            if (running.get()) {
                failure = e;
            }
        } catch (KafkaException | IllegalStateException | org.gleaner.coordinator.durable.JournalUnavailableException e) {
            failure = e;
            log.error("shared-frontier ingest stopped; restart the instance to resume from the last committed batch: {}", e.toString());
        } finally {
            dropAll();
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void markCaughtUp(long checkStarted) {
        if (shards.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(10));
        for (FrontierShard shard : shards.values()) {
            shard.coordinator().tick();
            commitUnjudgedSpotChecks(shard);
            requestBudgets(shard);
            boolean caughtUp = ends.entrySet().stream().filter(e -> e.getKey().partition() == shard.partition())
                    .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            if (caughtUp) {
                shard.coordinator().caughtUp(checkStarted);
            }
        }
    }

    /** Spot checks that no node leased within the bound (decided by {@code tick}), committed on their own. */
    private void commitUnjudgedSpotChecks(FrontierShard shard) {
        List<CreditEvent> unjudged = shard.coordinator().drainSpotCheckOutcomes();
        if (unjudged.isEmpty()) {
            return;
        }
        KafkaProducer<String, byte[]> producer = shard.producer();
        producer.beginTransaction();
        for (CreditEvent outcome : unjudged) {
            producer.send(new ProducerRecord<>(topics.owned().credits(), outcome.nodeId(), outcome.encode()));
        }
        producer.commitTransaction();
        unjudged.forEach(shard.coordinator().signals()::committed);
    }

    private void commit(FrontierShard shard, List<ConsumerRecord<String, byte[]>> records) {
        try {
            commitBatch(shard, records);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The group moved on while the batch was in its transaction (an instance joined or left): the broker
            // refused the batch's offsets, so nothing of it is committed, but the shard's memory already holds it.
            // The shard is rebuilt from its journal and the batch is read again from the committed offsets.
            log.warn("instance {}: frontier partition {}: batch not committed during a rebalance ({}); rebuilding the shard",
                    name, shard.partition(), e.toString());
            rebuild(shard.partition());
            rebuiltAfterRebalance.incrementAndGet();
        }
    }

    /**
     * Closes the shard (its transactional producer with it), opens it again (the new producer, with the same
     * transactional id, aborts the open transaction before the journal is replayed) and rewinds the partition's
     * topics to their committed offsets.
     */
    private void rebuild(int partition) {
        closeShard(partition);
        openShard(partition);
        Set<TopicPartition> owned = new HashSet<>();
        for (TopicPartition tp : consumer.assignment()) {
            if (tp.partition() == partition) {
                owned.add(tp);
            }
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(owned, Duration.ofSeconds(30));
        for (TopicPartition tp : owned) {
            OffsetAndMetadata offset = committed.get(tp);
            if (offset != null) {
                consumer.seek(tp, offset);
            } else {
                consumer.seekToBeginning(List.of(tp));
            }
        }
    }

    /** How many times a batch was refused during a rebalance and its shard rebuilt. */
    int rebuiltAfterRebalance() {
        return rebuiltAfterRebalance.get();
    }

    /** For tests: the group metadata the next {@code count} batches send with their offsets is made stale. */
    void staleGroupMetadataForNext(int count) {
        staleBatches.set(count);
    }

    private ConsumerGroupMetadata offsetsMetadata() {
        ConsumerGroupMetadata current = consumer.groupMetadata();
        if (staleBatches.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new ConsumerGroupMetadata(current.groupId(), current.generationId() + 7, current.memberId(),
                    current.groupInstanceId());
        }
        return current;
    }

    private void commitBatch(FrontierShard shard, List<ConsumerRecord<String, byte[]>> records) {
        KafkaProducer<String, byte[]> producer = shard.producer();
        producer.beginTransaction();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        List<CreditEvent> judged = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            handle(shard, record, judged);
            next.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        producer.sendOffsetsToTransaction(next, offsetsMetadata());
        producer.commitTransaction();
        // Counted once committed, so a crash before the commit never counts a signal twice.
        judged.forEach(shard.coordinator().signals()::committed);
    }

    private void handle(FrontierShard shard, ConsumerRecord<String, byte[]> record, List<CreditEvent> judged) {
        Coordinator coordinator = shard.coordinator();
        KafkaProducer<String, byte[]> producer = shard.producer();
        if (record.topic().equals(topics.owned().pages())) {
            CreditEvent event;
            try {
                FetchedPage page = FetchedPage.decode(record.value());
                event = ownsUrl(shard, page.receipt().record().url())
                        ? coordinator.acceptPage(page)
                        : CreditEvent.refused(CreditEvent.UNVERIFIED, page.receipt().record().leaseId(), "", ReasonCode.MISROUTED);
            } catch (MalformedRecordException e) {
                event = coordinator.refuseMalformed();
                log.warn("refused malformed page record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            }
            producer.send(new ProducerRecord<>(topics.owned().credits(), event.nodeId(), event.encode()));
            judged.add(event);
            for (CreditEvent outcome : coordinator.drainSpotCheckOutcomes()) {
                producer.send(new ProducerRecord<>(topics.owned().credits(), outcome.nodeId(), outcome.encode()));
                judged.add(outcome);
            }
        } else if (record.topic().equals(topics.owned().links())) {
            SignedLinks.Verdict verdict = SignedLinks.check(record.value(), coordinator.config().origin());
            if (verdict instanceof SignedLinks.Refused refused) {
                log.warn("refused link record {}-{}@{}: {} {}", record.topic(), record.partition(), record.offset(),
                        refused.reason().code(), refused.detail());
                CreditEvent event = coordinator.refuseLinks(refused.reason());
                producer.send(new ProducerRecord<>(topics.owned().credits(), event.nodeId(), event.encode()));
                judged.add(event);
            } else {
                Coordinator.RoutedLinks routed = coordinator.routeLinks(((SignedLinks.Accepted) verdict).batch());
                journalQueued(shard, routed.jobId(), routed.queued());
                Map<Integer, List<LeasedUrl>> elsewhere = new HashMap<>();
                for (LeasedUrl url : routed.elsewhere()) {
                    elsewhere.computeIfAbsent(partitioner.partitionOf(UrlNormalizer.hostKey(url.url())), p -> new ArrayList<>()).add(url);
                }
                elsewhere.forEach((p, urls) -> producer.send(new ProducerRecord<>(topics.frontier(), p, null,
                        JournalCodec.encode(new JournalEvent.UrlsQueued(routed.jobId(), urls)))));
            }
        } else {
            try {
                JournalEvent event = JournalCodec.decode(record.value());
                if (event instanceof JournalEvent.UrlsQueued routed) {
                    journalQueued(shard, routed.jobId(), coordinator.offerRouted(routed.jobId(), routed.urls()));
                } else if (event instanceof JournalEvent.BudgetRequested request) {
                    grantBudget(shard, request);
                } else if (event instanceof JournalEvent.BudgetGranted grant && grant.partition() == shard.partition()) {
                    coordinator.applyBudget(grant.jobId(), grant.total(), grant.exhausted());
                    journal(shard, grant);
                } else if (event instanceof JournalEvent.SignalRaised signal) {
                    raiseReported(shard, signal, judged);
                }
            } catch (MalformedRecordException e) {
                log.warn("skipped malformed routed-URL record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        }
    }

    /**
     * As the partition that keeps the node's signals: the first report of a node in a window is journaled here (so a new
     * owner of this partition knows it was raised) and written to the credits topic (where every instance's REST API
     * reads it), both in the transaction that consumes the report; repeats, from any instance, are dropped.
     */
    private void raiseReported(FrontierShard shard, JournalEvent.SignalRaised signal, List<CreditEvent> judged) {
        if (!NODE_ID.matcher(signal.nodeId()).matches() || SignalReports.keeperOf(signal.nodeId(), partitioner) != shard.partition()
                || !shard.coordinator().firstReport(signal)) {
            return;
        }
        journal(shard, signal);
        CreditEvent event = CreditEvent.refused(signal.nodeId(), "", "", signal.reason());
        shard.producer().send(new ProducerRecord<>(topics.owned().credits(), event.nodeId(), event.encode()));
        judged.add(event);
    }

    /**
     * As the keeper of the job's budget: grants the requesting partition what the budget allows, journaled here (so a new
     * owner of this partition knows it was granted) and sent to that partition, both in the transaction that consumes
     * the request. A request for a job this partition has not taken up yet is dropped: the requester asks again.
     */
    private void grantBudget(FrontierShard shard, JournalEvent.BudgetRequested request) {
        if (JobBudgets.keeperOf(request.jobId(), partitioner) != shard.partition() || request.partition() >= partitioner.partitions()) {
            return;
        }
        shard.coordinator().job(request.jobId()).map(job -> shard.budgets().request(request.jobId(), request.partition(),
                request.wanted(), job.maxPages())).ifPresent(grant -> {
                    journal(shard, grant);
                    shard.producer().send(new ProducerRecord<>(topics.frontier(), grant.partition(), null, JournalCodec.encode(grant)));
                });
    }

    /**
     * Asks the keepers of the jobs' budgets for allowance this partition's frontier waits for, at most every
     * {@link #BUDGET_REQUEST_INTERVAL_MILLIS} per job unless the need grew. Requests carry totals, so one that is lost or
     * repeated does no harm; it goes out in a transaction of its own.
     */
    private void requestBudgets(FrontierShard shard) {
        long now = clock.millis();
        List<JournalEvent.BudgetRequested> requests = new ArrayList<>();
        shard.coordinator().budgetWanted().forEach((jobId, wanted) -> {
            long[] last = lastBudgetRequest.get(shard.partition() + " " + jobId);
            if (last == null || last[0] != wanted || now - last[1] >= BUDGET_REQUEST_INTERVAL_MILLIS) {
                requests.add(new JournalEvent.BudgetRequested(jobId, shard.partition(), wanted));
                lastBudgetRequest.put(shard.partition() + " " + jobId, new long[] {wanted, now});
            }
        });
        if (requests.isEmpty()) {
            return;
        }
        KafkaProducer<String, byte[]> producer = shard.producer();
        producer.beginTransaction();
        for (JournalEvent.BudgetRequested request : requests) {
            producer.send(new ProducerRecord<>(topics.frontier(), JobBudgets.keeperOf(request.jobId(), partitioner), null,
                    JournalCodec.encode(request)));
        }
        producer.commitTransaction();
    }

    private void journal(FrontierShard shard, JournalEvent event) {
        shard.producer().send(new ProducerRecord<>(topics.journal(), shard.partition(), null, JournalCodec.encode(event)));
    }

    private void journalQueued(FrontierShard shard, String jobId, List<LeasedUrl> urls) {
        if (!urls.isEmpty()) {
            shard.producer().send(new ProducerRecord<>(topics.journal(), shard.partition(), null,
                    JournalCodec.encode(new JournalEvent.UrlsQueued(jobId, urls))));
        }
    }

    private boolean ownsUrl(FrontierShard shard, String url) {
        try {
            return partitioner.partitionOf(UrlNormalizer.hostKey(url)) == shard.partition();
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private void dropAll() {
        shards.keySet().forEach(this::drop);
    }

    private void drop(int partition) {
        if (closeShard(partition)) {
            log.info("instance {}: frontier partition {} handed over", name, partition);
        }
    }

    /** Closes the partition's shard, if this instance holds one; whether it did. */
    private boolean closeShard(int partition) {
        FrontierShard shard = shards.remove(partition);
        if (shard == null) {
            return false;
        }
        shard.close();
        return true;
    }

    private void openShard(int partition) {
        shards.put(partition, opener.apply(partition));
    }

    /** Why the ingest stopped on its own, if it did. */
    java.util.Optional<Throwable> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
    }

    private final class Handover implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.stream().map(TopicPartition::partition).distinct().forEach(ShardedIngest.this::drop);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (int p : partitions.stream().map(TopicPartition::partition).distinct().sorted().toList()) {
                if (!shards.containsKey(p)) {
                    openShard(p);
                    log.info("instance {}: frontier partition {} taken over", name, p);
                }
            }
        }
    }
}
