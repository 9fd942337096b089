package org.gleaner.systemtests.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gleaner.systemtests.support.RequiresEnvironment;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three brokers, a topic with replication factor 3 and min.insync.replicas 2, an idempotent acks=all
 * producer; the broker leading most partitions is killed (SIGKILL) mid-stream and later restarted
 * while the producer keeps going. Every acknowledged record must then be in the topic exactly once, at
 * the partition and offset its acknowledgement reported.
 */
@RequiresEnvironment(docker = true)
class ClusterFailoverIT {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterFailoverIT.class);
    private static final String TOPIC = "failover";
    private static final int PARTITIONS = 6;
    private static final int RECORDS = 5_000;
    private static final int KILL_AT = 1_500;
    private static final int DEAD_UNTIL = 2_500;
    private static final int RESTART_AT = 3_500;

    @Test
    void acknowledgedRecordsSurviveABrokerCrashExactlyOnce() throws Exception {
        try (KafkaClusterContainers cluster = KafkaClusterContainers.start("ClusterFailoverIT")) {
            cluster.createTopic(new NewTopic(TOPIC, PARTITIONS, (short) 3)
                    .configs(Map.of("min.insync.replicas", "2", "unclean.leader.election.enable", "false")),
                    Duration.ofSeconds(60));
            Map<Integer, Long> leaderships = cluster.awaitFullyReplicated(TOPIC, Duration.ofSeconds(60)).partitions().stream()
                    .collect(Collectors.groupingBy(p -> p.leader().id(), Collectors.counting()));
            int victim = leaderships.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            LOG.info("partition leaders per broker {}; victim: broker {}", leaderships, victim);

            Map<Integer, RecordMetadata> acked = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicInteger sent = new AtomicInteger();
            AtomicInteger limit = new AtomicInteger(KILL_AT); // the writer sends up to here, then waits
            long t0 = System.nanoTime();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(cluster),
                    new StringSerializer(), new ByteArraySerializer())) {
                Thread writer = new Thread(() -> {
                    for (int seq = 0; seq < RECORDS; seq++) {
                        while (seq >= limit.get()) {
                            pause(1);
                        }
                        int s = seq;
                        producer.send(new ProducerRecord<>(TOPIC, key(s), value(s)), (md, e) -> {
                            if (e == null) {
                                acked.put(s, md);
                            } else {
                                failures.add(s + ": " + e);
                            }
                        });
                        sent.incrementAndGet();
                        pause(1);
                    }
                }, "failover-writer");
                writer.setUncaughtExceptionHandler((t, e) -> failures.add("writer died: " + e));
                writer.start();

                // 1. Crash the victim while records are in flight; keep sending while it is dead but
                //    not yet fenced (its partitions have no reachable leader for a few seconds).
                awaitCount(sent, KILL_AT, failures);
                LOG.info("killing broker {} after {} sends ({} acknowledged)", victim, sent.get(), acked.size());
                limit.set(DEAD_UNTIL);
                cluster.killBroker(victim);
                TopicDescription afterKill = awaitDescription(cluster, d -> d.partitions().stream().allMatch(
                        p -> p.leader() != null && p.leader().id() != victim && p.isr().size() == 2
                                && p.isr().stream().noneMatch(n -> n.id() == victim)),
                        "new leaders and an ISR of 2 without broker " + victim);
                LOG.info("leaders after the kill: {}", leaders(afterKill));

                // 2. Produce to the new leaders with two replicas in sync (min.insync.replicas=2).
                limit.set(RESTART_AT);
                awaitCount(sent, RESTART_AT, failures);

                // 3. Restart the victim while still producing; it catches up from the new leaders.
                limit.set(RESTART_AT + 1_000);
                cluster.startBroker(victim);
                LOG.info("broker {} back after {} sends ({} acknowledged)", victim, sent.get(), acked.size());

                limit.set(RECORDS);
                writer.join();
                producer.flush();
            }
            long produceMs = (System.nanoTime() - t0) / 1_000_000;
            LOG.info("{} records sent, {} acknowledged, {} failed in {} ms", sent.get(), acked.size(), failures.size(), produceMs);
            assertThat(failures).as("sends that failed despite retries").isEmpty();
            assertThat(acked).hasSize(RECORDS);

            TopicDescription healed = cluster.awaitFullyReplicated(TOPIC, Duration.ofSeconds(120));
            LOG.info("leaders after the restart: {}", leaders(healed));
            Map<Integer, List<ConsumerRecord<String, byte[]>>> consumed = consumeAll(cluster);

            List<Integer> lost = new ArrayList<>();
            List<Integer> duplicated = new ArrayList<>();
            List<Integer> moved = new ArrayList<>();
            for (Map.Entry<Integer, RecordMetadata> e : acked.entrySet()) {
                List<ConsumerRecord<String, byte[]>> copies = consumed.getOrDefault(e.getKey(), List.of());
                if (copies.isEmpty()) {
                    lost.add(e.getKey());
                } else if (copies.size() > 1) {
                    duplicated.add(e.getKey());
                } else if (copies.get(0).partition() != e.getValue().partition()
                        || copies.get(0).offset() != e.getValue().offset()) {
                    moved.add(e.getKey());
                }
            }
            List<Integer> unexpected = consumed.keySet().stream().filter(s -> !acked.containsKey(s)).sorted().toList();
            LOG.info("consumed {} distinct records; lost {}, duplicated {}, moved {}, unexpected {}",
                    consumed.size(), lost.size(), duplicated.size(), moved.size(), unexpected.size());
            assertThat(lost).as("acknowledged but lost").isEmpty();
            assertThat(duplicated).as("consumed more than once").isEmpty();
            assertThat(moved).as("found at another partition/offset than acknowledged").isEmpty();
            assertThat(unexpected).as("consumed but never acknowledged").isEmpty();
            assertThat(consumed).hasSize(RECORDS);
        }
    }

    private static Properties producerConfig(KafkaClusterContainers cluster) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        return p;
    }

    private static Map<Integer, List<ConsumerRecord<String, byte[]>>> consumeAll(KafkaClusterContainers cluster) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<Integer, List<ConsumerRecord<String, byte[]>>> bySeq = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int i = 0; i < PARTITIONS; i++) {
                partitions.add(new TopicPartition(TOPIC, i));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 60_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertThat(System.currentTimeMillis()).as("consumed up to the end offsets in time").isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    int seq = Integer.parseInt(r.key().substring(4));
                    assertThat(ByteBuffer.wrap(r.value()).getInt()).as("value of %s", r.key()).isEqualTo(seq);
                    bySeq.computeIfAbsent(seq, k -> new ArrayList<>()).add(r);
                }
            }
            LOG.info("end offsets {}", end.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparingInt(TopicPartition::partition)))
                    .map(e -> e.getKey().partition() + "=" + e.getValue()).collect(Collectors.joining(", ")));
        }
        return bySeq;
    }

    private static String leaders(TopicDescription d) {
        return d.partitions().stream().map(p -> p.partition() + "->" + (p.leader() == null ? "none" : p.leader().id())
                + " isr " + p.isr().stream().map(n -> String.valueOf(n.id())).collect(Collectors.joining(",")))
                .collect(Collectors.joining("; "));
    }

    private static TopicDescription awaitDescription(KafkaClusterContainers cluster, Predicate<TopicDescription> condition,
            String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            TopicDescription d = cluster.admin().describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
            if (condition.test(d)) {
                return d;
            }
            assertThat(System.nanoTime()).as("%s within 30 s; last seen %s", what, leaders(d)).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static void awaitCount(AtomicInteger counter, int target, Collection<String> failures) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (counter.get() < target) {
            assertThat(failures).as("writer failures").isEmpty();
            assertThat(System.currentTimeMillis()).as("writer reached %d sends in time", target).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static String key(int seq) {
        return String.format("seq-%06d", seq);
    }

    private static byte[] value(int seq) {
        return ByteBuffer.allocate(64).putInt(seq).array();
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
