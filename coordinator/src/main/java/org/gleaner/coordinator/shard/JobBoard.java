package org.gleaner.coordinator.shard;

import org.gleaner.protocol.kafka.KafkaConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.journal.JournalCodec;
import org.gleaner.coordinator.journal.JournalEvent;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs of the shared frontier: submitted to the one-partition jobs topic by whichever instance a lab called, and
 * read by every instance, which hands each new job to the partitions it owns (each queues the seeds of its hosts).
 */
final class JobBoard implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobBoard.class);

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Consumer<CrawlJob> onJob;
    private volatile boolean running = true;
    /** Offset of the first record of each job id: that one counts, a later record with the same id is ignored everywhere. */
    private final java.util.Map<String, Long> firstOffsets = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<CrawlJob> inOrder = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile long readUpTo;

    JobBoard(KafkaConnection kafka, String topic, Consumer<CrawlJob> onJob) {
        this.topic = topic;
        this.onJob = onJob;
        this.producer = new KafkaProducer<>(ShardKafkaClients.jobBoardProducer(kafka), new ByteArraySerializer(), new ByteArraySerializer());
        this.consumer = new KafkaConsumer<>(ShardKafkaClients.jobBoardConsumer(kafka), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Appends a job; returns once the broker has it, so every instance will see it. */
    void submit(CrawlJob job) {
        append(job);
    }

    /**
     * Appends a job and waits until this board has read it back: {@link IllegalStateException} if a job with the same id
     * was recorded before (by this or another instance), since only the first record of an id counts.
     */
    void submitNew(CrawlJob job) {
        if (firstOffsets.containsKey(job.jobId())) {
            throw new IllegalStateException("job id " + job.jobId() + " was used before");
        }
        long offset = append(job);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (readUpTo <= offset) {
            if (System.nanoTime() > deadline || !running) {
                throw new IllegalStateException("the job was recorded but not yet read back; look it up before submitting it again");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while recording the job", e);
            }
        }
        if (firstOffsets.get(job.jobId()) != offset) {
            throw new IllegalStateException("job id " + job.jobId() + " was used before");
        }
    }

    /** Every job recorded so far, in the order they were first recorded. */
    List<CrawlJob> jobs() {
        return List.copyOf(inOrder);
    }

    private long append(CrawlJob job) {
        try {
            return producer.send(new ProducerRecord<>(topic, JournalCodec.encode(new JournalEvent.JobSubmitted(job)))).get(30, TimeUnit.SECONDS)
                    .offset();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not record the job: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording the job", e);
        }
    }

    @Override
    public void run() {
        TopicPartition only = new TopicPartition(topic, 0);
        try {
            consumer.assign(List.of(only));
            consumer.seekToBeginning(List.of(only));
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        if (JournalCodec.decode(r.value()) instanceof JournalEvent.JobSubmitted submitted) {
                            if (firstOffsets.putIfAbsent(submitted.job().jobId(), r.offset()) == null) {
                                inOrder.add(submitted.job());
                            }
                            onJob.accept(submitted.job());
                        }
                    } catch (MalformedRecordException e) {
                        log.warn("skipped malformed job record at offset {}: {}", r.offset(), e.getMessage());
                    }
                }
                readUpTo = consumer.position(only);
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        producer.close(Duration.ofSeconds(5));
    }
}
