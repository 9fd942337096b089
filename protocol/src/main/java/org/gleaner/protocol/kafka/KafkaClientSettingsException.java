package org.gleaner.protocol.kafka;

/** A Kafka client settings file that cannot be used; the message is one line and never holds a secret value. */
public final class KafkaClientSettingsException extends IllegalArgumentException {
    public KafkaClientSettingsException(String message) {
        super(message);
    }
}
