package org.gleaner.ledger.intake;

import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.gleaner.ledger.log.AppendReceipt;
import org.gleaner.ledger.log.QueueFullException;
import org.gleaner.ledger.log.Sequencer;
import org.gleaner.ledger.log.SequencerFailedException;
import org.gleaner.ledger.state.EntryRejectedException;
import org.gleaner.ledger.state.RejectionReason;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adopts the signed entries other services submit on the ledger submissions topic (the coordinator's reward
 * roots) into the log. Each record goes through the sequencer, so it gets exactly the checks of
 * {@code POST /v1/entries}. The consumer reads committed transactions only, and commits a record's offset
 * only once the sequencer has made the entry durable or refused it for good; a refused record is logged
 * with its offset and reason code and skipped. After a crash between the append and the offset commit the
 * record comes again and the sequencer refuses it as a replayed nonce (L103), so nothing is appended twice.
 * A failed or closed sequencer stops the intake without committing, so nothing is lost either. An entry's
 * timestamp is judged against the time Kafka holds for the record, not the time the intake reads it, so a
 * reward root submitted while the ledger was down is still adopted when the ledger comes back.
 */
public final class SubmissionIntake implements Closeable {
    public static final String DEFAULT_GROUP = "gleaner-ledger-intake";
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionIntake.class);
    private static final int MAX_POLL_RECORDS = 100;
    private static final Map<String, String> KEEP_FOREVER =
            Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1");

    private final Sequencer sequencer;
    private final String topic;
    private final Map<String, Object> clientConfig;
    private final String groupId;
    private final Thread thread;
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile String problem;

    public SubmissionIntake(Sequencer sequencer, String bootstrapServers, String topic, String groupId,
            Map<String, Object> extraClientConfig) {
        this.sequencer = sequencer;
        this.topic = topic;
        this.groupId = groupId;
        Map<String, Object> config = new java.util.HashMap<>(extraClientConfig);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.clientConfig = Map.copyOf(config);
        this.thread = new Thread(this::run, "ledger-intake");
        this.thread.setDaemon(true);
    }

    public SubmissionIntake start() {
        thread.start();
        return this;
    }

    /** Submissions appended to the log (offset committed). */
    public long appendedCount() {
        return appended.get();
    }

    /** Submissions refused for good and skipped (offset committed). */
    public long refusedCount() {
        return refused.get();
    }

    /** The last error the intake hit, for status pages; {@code null} when healthy. */
    public String problem() {
        return problem;
    }

    private void run() {
        long backoffMillis = 100;
        while (running) {
            try (KafkaConsumer<byte[], byte[]> c = newConsumer()) {
                ensureTopic();
                consumer = c;
                c.subscribe(List.of(topic));
                problem = null;
                backoffMillis = 100;
                while (running) {
                    ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        Outcome outcome = adopt(record);
                        c.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1)));
                        (outcome == Outcome.APPENDED ? appended : refused).incrementAndGet();
                    }
                }
            } catch (WakeupException | InterruptedException e) {
                return;
            } catch (SequencerFailedException | SequencerClosedException e) {
                problem = e.getMessage();
                LOG.error("ledger intake stopped: {}", e.getMessage());
                return;
            } catch (Exception e) {
                problem = e.toString();
                LOG.warn("ledger intake: {}; retrying in {} ms", e.toString(), backoffMillis);
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoffMillis = Math.min(10_000, backoffMillis * 2);
            } finally {
                consumer = null;
            }
        }
    }

    private enum Outcome { APPENDED, REFUSED }

    /** Appends or refuses one record; returns only when the outcome is final. */
    private Outcome adopt(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        byte[] value = record.value();
        if (value == null || value.length > LedgerEntry.MAX_ENCODED) {
            LOG.warn("refused submission {}: {} (empty or larger than {} bytes)", where, RejectionReason.MALFORMED.code(),
                    LedgerEntry.MAX_ENCODED);
            return Outcome.REFUSED;
        }
        Signed<LedgerEntry> signed;
        try {
            signed = Signed.decode(value, LedgerEntry.MAX_ENCODED, "ledgerEntry", LedgerEntry::read);
        } catch (MalformedRecordException e) {
            LOG.warn("refused submission {}: {} {}", where, RejectionReason.MALFORMED.code(), e.getMessage());
            return Outcome.REFUSED;
        }
        while (true) {
            try {
                AppendReceipt receipt = sequencer.append(signed, record.timestamp() >= 0 ? record.timestamp() : -1);
                LOG.info("submission {} ({}) appended as entry {}", where, signed.record().type().label(), receipt.index());
                return Outcome.APPENDED;
            } catch (EntryRejectedException e) {
                if (e.reason() == RejectionReason.REPLAYED_NONCE) {
                    LOG.info("skipped submission {}: {} (already appended; a re-delivery)", where, e.reason().code());
                } else {
                    LOG.warn("refused submission {}: {}", where, e.getMessage());
                }
                return Outcome.REFUSED;
            } catch (QueueFullException e) {
                Thread.sleep(100);
            } catch (SequencerFailedException e) {
                throw e;
            } catch (IllegalStateException e) {
                throw new SequencerClosedException(e.getMessage());
            }
        }
    }

    private void ensureTopic() throws InterruptedException, ExecutionException {
        Properties props = new Properties();
        props.putAll(clientConfig);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) -1).configs(KEEP_FOREVER))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1 << 20);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Stops after the record in hand; its offset is committed only if its outcome is final. */
    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class SequencerClosedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        SequencerClosedException(String message) {
            super("the sequencer is closed: " + message);
        }
    }
}
