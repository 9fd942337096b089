package org.gleaner.systemtests.multiprocess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.page.FetchedPage;

/** Reads the whole pages topic as an outsider would and checks every record's signed receipt. */
public final class PagesOnKafka {
    /** URLs whose receipts verify, how many records verify, and a description of every record that does not. */
    public record Seen(Set<String> urls, long verifiedRecords, List<String> unverified) {
    }

    private PagesOnKafka() {
    }

    static Seen readAll(String bootstrap, Topics topics, String origin, Map<String, Ed25519PublicKey> nodes) {
        return readAll(bootstrap, Map.of(), topics, origin, nodes);
    }

    /** As above, signing in with {@code clientConfig} (security settings) on a secured cluster. */
    public static Seen readAll(String bootstrap, Map<String, Object> clientConfig, Topics topics, String origin,
            Map<String, Ed25519PublicKey> nodes) {
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 20 * 1024 * 1024);
        Set<String> urls = new HashSet<>();
        List<String> unverified = new ArrayList<>();
        long[] verified = new long[1];
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.pages()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topics.pages() + " to its end " + end);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (check(record, origin, nodes, urls, unverified)) {
                        verified[0]++;
                    }
                }
            }
        }
        return new Seen(urls, verified[0], unverified);
    }

    private static boolean check(ConsumerRecord<String, byte[]> record, String origin, Map<String, Ed25519PublicKey> nodes,
            Set<String> urls, List<String> unverified) {
        String where = record.topic() + "/" + record.partition() + "@" + record.offset();
        FetchedPage page;
        try {
            page = FetchedPage.decode(record.value());
        } catch (MalformedRecordException e) {
            unverified.add(where + ": malformed: " + e.getMessage());
            return false;
        }
        Ed25519PublicKey signer = nodes.get(page.receipt().record().nodeKey().hex());
        if (signer == null) {
            unverified.add(where + ": signed by a key that is not one of the nodes");
        } else if (!page.receipt().verifies(origin, signer)) {
            unverified.add(where + ": receipt signature does not verify");
        } else if (!page.bodyMatchesReceipt()) {
            unverified.add(where + ": body does not match the receipt's hash");
        } else if (!hostKey(page.receipt().record().url()).equals(record.key())) {
            // keyed by the lease's host, so that the coordinator instance holding the lease gets the page
            unverified.add(where + ": record key is not the host of the receipt's URL");
        } else {
            urls.add(page.receipt().record().url());
            return true;
        }
        return false;
    }

    /** host[:port] of a URL, as the coordinator names a host (and a node keys its page records). */
    private static String hostKey(String url) {
        java.net.URI uri = java.net.URI.create(url);
        String host = uri.getHost().toLowerCase(java.util.Locale.ROOT);
        return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    }
}
