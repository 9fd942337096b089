package org.gleaner.protocol.kafka;

import java.util.Objects;
import java.util.Properties;

/** Where a service's Kafka cluster is and how the service signs in to it. */
public record KafkaConnection(String bootstrapServers, KafkaClientSettings settings) {
    public KafkaConnection {
        Objects.requireNonNull(settings, "settings");
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers must be set");
        }
    }

    /** A cluster without authentication (the devnet's in-JVM broker, tests). */
    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, KafkaClientSettings.NONE);
    }

    /** A new client configuration holding the bootstrap servers and the sign-in settings; the caller adds its own. */
    public Properties clientProperties() {
        Properties properties = new Properties();
        properties.putAll(settings.asMap());
        properties.put("bootstrap.servers", bootstrapServers);
        return properties;
    }

    /** For progress lines: the servers and the security protocol, never a credential. */
    public String describe() {
        return bootstrapServers + (settings.isEmpty() ? "" : " (" + settings.securityProtocol() + ")");
    }

    @Override
    public String toString() {
        return "KafkaConnection[" + bootstrapServers + ", " + settings + "]";
    }
}
