package org.gleaner.coordinator.shard;

import org.gleaner.protocol.kafka.KafkaConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.durable.KafkaJournal;
import org.gleaner.coordinator.durable.TopicReplay;
import org.gleaner.coordinator.frontier.UrlNormalizer;
import org.gleaner.coordinator.journal.JournalCodec;
import org.gleaner.coordinator.journal.JournalEvent;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.crypto.Ed25519KeyPair;

/**
 * One partition of the shared frontier, as its current owner holds it: a {@link Coordinator} for the hosts of that
 * partition, its journal (partition {@code p} of the shard journal) and the transactional producer of its ingest.
 * Both producers' transactional ids name the partition, not the instance, so opening a shard fences whoever owned
 * the partition before (its open transactions are aborted and it can commit nothing more) before the state is
 * replayed: the replay therefore sees every lease the old owner ever answered with, and nothing it did not.
 */
final class FrontierShard implements AutoCloseable {
    private final int partition;
    private final Coordinator coordinator;
    private final KafkaJournal journal;
    private final KafkaProducer<String, byte[]> producer;
    private final JobBudgets budgets;

    private FrontierShard(int partition, Coordinator coordinator, KafkaJournal journal, KafkaProducer<String, byte[]> producer,
            JobBudgets budgets) {
        this.budgets = budgets;
        this.partition = partition;
        this.coordinator = coordinator;
        this.journal = journal;
        this.producer = producer;
    }

    static FrontierShard open(int partition, HostPartitioner partitioner, ShardTopics topics, KafkaConnection kafka,
            CoordinatorConfig config, Ed25519KeyPair key, Clock clock, MeterRegistry metrics) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ShardKafkaClients.shardProducer(kafka,
                "gleaner-coordinator-shard-ingest-p" + partition), new StringSerializer(), new ByteArraySerializer());
        KafkaJournal journal = null;
        try {
            producer.initTransactions();
            journal = new KafkaJournal(kafka, topics.journal(), partition, "gleaner-coordinator-shard-journal-p" + partition);
            Coordinator coordinator = new Coordinator(config, key, clock, journal, metrics,
                    host -> partitioner.partitionOf(host) == partition, true, true);
            JobBudgets budgets = new JobBudgets(partition, partitioner);
            List<JournalEvent> events = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(kafka, topics.jobs(), JournalCodec.MAX_ENCODED)) {
                events.add(JournalCodec.decode(r.value()));
            }
            for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readPartition(kafka, topics.journal(), partition,
                    JournalCodec.MAX_ENCODED)) {
                JournalEvent event = JournalCodec.decode(r.value());
                if (event instanceof JournalEvent.BudgetGranted grant) {
                    budgets.restore(grant);
                    if (grant.partition() != partition) {
                        continue; // granted by this partition as keeper to another one
                    }
                }
                events.add(event);
            }
            List<CreditEvent> credits = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : TopicReplay.readAll(kafka, topics.owned().credits(), CreditEvent.MAX_ENCODED)) {
                CreditEvent event = CreditEvent.decode(r.value());
                if (ownedUrl(event.url(), partitioner, partition)) {
                    credits.add(event);
                }
            }
            coordinator.restore(events, credits);
            return new FrontierShard(partition, coordinator, journal, producer, budgets);
        } catch (MalformedRecordException e) {
            closeQuietly(producer, journal);
            throw new IllegalStateException("partition " + partition + " of the shared frontier holds a record it cannot read: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(producer, journal);
            throw e;
        }
    }

    private static boolean ownedUrl(String url, HostPartitioner partitioner, int partition) {
        try {
            return !url.isEmpty() && partitioner.partitionOf(UrlNormalizer.hostKey(url)) == partition;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static void closeQuietly(KafkaProducer<?, ?> producer, KafkaJournal journal) {
        producer.close(java.time.Duration.ofSeconds(5));
        if (journal != null) {
            journal.close();
        }
    }

    int partition() {
        return partition;
    }

    Coordinator coordinator() {
        return coordinator;
    }

    /** The page budgets of the jobs this partition keeps. */
    JobBudgets budgets() {
        return budgets;
    }

    KafkaProducer<String, byte[]> producer() {
        return producer;
    }

    @Override
    public void close() {
        closeQuietly(producer, journal);
    }
}
