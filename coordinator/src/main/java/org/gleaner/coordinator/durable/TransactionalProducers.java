package org.gleaner.coordinator.durable;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Producer settings for the coordinator's transactional writers. */
final class TransactionalProducers {
    private TransactionalProducers() {
    }

    static Properties config(String bootstrapServers, String transactionalId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "30000");
        return props;
    }
}
