package org.gleaner.builder.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records of the pages topic the builder's consumer group has not yet built into a version: the sum
 * over partitions of the end offset minus the group's committed offset (the start offset where none is
 * committed). Read with the Kafka admin client; no records are fetched.
 */
public final class TopicBacklog implements AutoCloseable {
    private final Admin admin;
    private final String topic;
    private final String groupId;

    public TopicBacklog(String bootstrapServers, Map<String, String> kafkaProperties, String topic, String groupId) {
        Properties props = new Properties();
        props.putAll(kafkaProperties);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(props);
        this.topic = topic;
        this.groupId = groupId;
    }

    /** Records not yet built (0 while the topic does not exist). */
    public long pending() throws Exception {
        try {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            description.partitions().forEach(p -> {
                latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
                earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
            });
            var ends = admin.listOffsets(latest).all().get(15, TimeUnit.SECONDS);
            var starts = admin.listOffsets(earliest).all().get(15, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
            long pending = 0;
            for (TopicPartition tp : latest.keySet()) {
                OffsetAndMetadata c = committed.get(tp);
                long from = Math.max(c == null ? 0 : c.offset(), starts.get(tp).offset());
                pending += Math.max(0, ends.get(tp).offset() - from);
            }
            return pending;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return 0;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new java.io.IOException("Kafka did not answer the backlog query within 15 s", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
