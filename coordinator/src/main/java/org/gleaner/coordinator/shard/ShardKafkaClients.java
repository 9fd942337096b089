package org.gleaner.coordinator.shard;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.gleaner.protocol.kafka.KafkaConnection;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.protocol.reward.StatementBundle;

/**
 * The configuration of every Kafka client the shared frontier opens. Each starts from the connection's client
 * properties (servers and sign-in settings, decision 0064) so no client of the shared mode connects unauthenticated;
 * the settings a client needs for its guarantees are added on top and win.
 */
final class ShardKafkaClients {
    private ShardKafkaClients() {
    }

    static Properties admin(KafkaConnection kafka) {
        return kafka.clientProperties();
    }

    /** The group member that owns frontier partitions: co-partitioned, cooperative, reads committed input only. */
    static Properties ingestConsumer(KafkaConnection kafka, String instanceName) {
        Properties props = kafka.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, ShardedIngest.GROUP_ID);
        // The assignor orders members by member id, which starts with the client id: instances are ordered by name.
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "gleaner-coordinator-shards-" + instanceName);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        // Cooperative and co-partitioned: a rebalance moves (and rebuilds) only the partitions that change owner.
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CoPartitionedAssignor.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(FetchedPage.MAX_ENCODED));
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        return props;
    }

    /** A partition's transactional producer (frontier records and offsets in one transaction). */
    static Properties shardProducer(KafkaConnection kafka, String transactionalId) {
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "30000");
        return props;
    }

    /** The epoch closer's transactional producer: whoever takes the role fences the previous closer. */
    static Properties epochCloserProducer(KafkaConnection kafka, String transactionalId) {
        Properties props = shardProducer(kafka, transactionalId);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 << 20));
        return props;
    }

    static Properties jobBoardProducer(KafkaConnection kafka) {
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return props;
    }

    /** Reports of fraud signals to the partition that keeps them: acknowledged by every replica, never doubled by a retry. */
    static Properties signalReportProducer(KafkaConnection kafka) {
        return jobBoardProducer(kafka);
    }

    static Properties jobBoardConsumer(KafkaConnection kafka) {
        return committedReader(kafka, 1 << 20);
    }

    static Properties creditLogConsumer(KafkaConnection kafka) {
        return committedReader(kafka, 1 << 20);
    }

    static Properties networkCreditsConsumer(KafkaConnection kafka) {
        return committedReader(kafka, Math.max(StatementBundle.MAX_ENCODED, 1 << 20));
    }

    private static Properties committedReader(KafkaConnection kafka, int maxPartitionFetchBytes) {
        Properties props = kafka.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(maxPartitionFetchBytes));
        return props;
    }
}
