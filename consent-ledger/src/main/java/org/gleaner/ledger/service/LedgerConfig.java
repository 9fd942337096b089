package org.gleaner.ledger.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gleaner.protocol.kafka.KafkaClientSettings;

/**
 * How a ledger service runs: where it keeps its log and keys, its origin (the name every signature and
 * checkpoint is bound to), the coordinator keys allowed to post reward roots (lowercase hex), the Kafka
 * bootstrap servers and topic for the mirror and the submission intake (neither when {@code kafkaBootstrap} is empty), checkpoint
 * cadence, allowed clock skew, the region for phone numbers written without a country code, and how the ledger
 * signs in to Kafka.
 */
public record LedgerConfig(Path dataDir, String origin, List<String> coordinatorKeys, String kafkaBootstrap, String topic,
        long checkpointEvery, Duration checkpointPeriod, Duration maxClockSkew, String defaultRegion,
        KafkaClientSettings kafkaClient) {

    /** Kafka without authentication. */
    public LedgerConfig(Path dataDir, String origin, List<String> coordinatorKeys, String kafkaBootstrap, String topic,
            long checkpointEvery, Duration checkpointPeriod, Duration maxClockSkew, String defaultRegion) {
        this(dataDir, origin, coordinatorKeys, kafkaBootstrap, topic, checkpointEvery, checkpointPeriod, maxClockSkew, defaultRegion,
                KafkaClientSettings.NONE);
    }

    public static LedgerConfig defaults(Path dataDir, String origin) {
        return new LedgerConfig(dataDir, origin, List.of(), "", "gleaner.ledger", 1000, Duration.ofSeconds(10),
                Duration.ofMinutes(5), "US");
    }

    /** Where other services submit entries for the ledger to adopt ({@code <topic>.submissions}, e.g. gleaner.ledger.submissions). */
    public String submissionsTopic() {
        return topic + ".submissions";
    }

    public LedgerConfig withCoordinatorKeys(List<String> keys) {
        return new LedgerConfig(dataDir, origin, List.copyOf(keys), kafkaBootstrap, topic, checkpointEvery, checkpointPeriod,
                maxClockSkew, defaultRegion, kafkaClient);
    }

    public LedgerConfig withKafka(String bootstrap, String topic) {
        return new LedgerConfig(dataDir, origin, coordinatorKeys, bootstrap, topic, checkpointEvery, checkpointPeriod,
                maxClockSkew, defaultRegion, kafkaClient);
    }
}
