package org.gleaner.coordinator.durable;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.gleaner.protocol.kafka.KafkaConnection;

/** Producer settings for the coordinator's transactional writers. */
final class TransactionalProducers {
    private TransactionalProducers() {
    }

    static Properties config(String bootstrapServers, String transactionalId) {
        return config(KafkaConnection.plaintext(bootstrapServers), transactionalId);
    }

    static Properties config(KafkaConnection kafka, String transactionalId) {
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "30000");
        return props;
    }
}
