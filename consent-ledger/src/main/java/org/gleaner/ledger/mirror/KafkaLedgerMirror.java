package org.gleaner.ledger.mirror;

import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.gleaner.ledger.log.LedgerLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the durable log, in order, to the ledger topic. It follows the log rather than the sequencer's
 * acknowledgements: it starts from the topic's end offset (which equals the number of entries already
 * copied, see {@link LedgerTopic}), so after a crash or a broker outage it resumes where the topic ends and
 * nothing is lost or doubled. An idempotent producer with one in-flight batch keeps retries in order.
 */
public final class KafkaLedgerMirror implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaLedgerMirror.class);
    private static final int MAX_BATCH = 1000;

    private final LedgerLog log;
    private final String topic;
    private final Map<String, Object> clientConfig;
    private final Thread thread;
    private final Object signal = new Object();
    private volatile boolean running = true;
    private volatile long mirrored = -1;
    private volatile String problem;

    public KafkaLedgerMirror(LedgerLog log, String bootstrapServers, String topic, Map<String, Object> extraClientConfig) {
        this.log = log;
        this.topic = topic;
        Map<String, Object> config = new java.util.HashMap<>(extraClientConfig);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.clientConfig = Map.copyOf(config);
        this.thread = new Thread(this::run, "ledger-mirror");
        this.thread.setDaemon(true);
    }

    public KafkaLedgerMirror start() {
        thread.start();
        return this;
    }

    /** Wakes the mirror after an append; cheap, call it from the sequencer's append listener. */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Number of entries known to be in the topic, or -1 before the mirror has connected. */
    public long mirroredSize() {
        return mirrored;
    }

    /** The last error the mirror hit, for status pages; {@code null} when healthy. */
    public String problem() {
        return problem;
    }

    private void run() {
        long backoffMillis = 100;
        while (running) {
            try (Admin admin = Admin.create(clientConfig);
                 KafkaProducer<byte[], byte[]> producer = producer()) {
                long next = prepareTopic(admin);
                mirrored = next;
                problem = null;
                backoffMillis = 100;
                while (running) {
                    long size = log.size();
                    if (size < next) {
                        throw new IllegalStateException("topic " + topic + " holds " + next
                                + " records but the log only " + size + ": wrong topic or a rewritten log");
                    }
                    if (size == next) {
                        synchronized (signal) {
                            if (log.size() == next && running) {
                                signal.wait(500);
                            }
                        }
                        continue;
                    }
                    next = copy(producer, next, Math.min(size, next + MAX_BATCH));
                    mirrored = next;
                }
            } catch (InterruptedException e) {
                return;
            } catch (IllegalStateException e) {
                problem = e.getMessage();
                LOG.error("ledger mirror stopped: {}", e.getMessage());
                return;
            } catch (Exception e) {
                problem = e.toString();
                LOG.warn("ledger mirror: {}; retrying in {} ms", e.toString(), backoffMillis);
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoffMillis = Math.min(10_000, backoffMillis * 2);
            }
        }
    }

    private long copy(KafkaProducer<byte[], byte[]> producer, long from, long to) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (long i = from; i < to; i++) {
            sent.add(producer.send(new ProducerRecord<>(topic, 0, LedgerTopic.key(i), log.entry(i))));
        }
        producer.flush();
        for (int k = 0; k < sent.size(); k++) {
            long offset = sent.get(k).get().offset();
            if (offset != from + k) {
                throw new IllegalStateException("entry " + (from + k) + " landed at offset " + offset
                        + " of " + topic + "; someone else writes to the ledger topic");
            }
        }
        return to;
    }

    private long prepareTopic(Admin admin) throws ExecutionException, InterruptedException {
        try {
            admin.createTopics(List.of(new NewTopic(topic, LedgerTopic.PARTITIONS, (short) 1).configs(LedgerTopic.CONFIG)))
                    .all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        if (description.partitions().size() != LedgerTopic.PARTITIONS) {
            throw new IllegalStateException("topic " + topic + " has " + description.partitions().size()
                    + " partitions; the ledger topic must have exactly one");
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().get(partition).offset();
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
