package org.gleaner.ledger.api;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gleaner.ledger.*}: the service's configuration. {@code lookupTokenSha256} lists the SHA-256 (hex) of
 * the bearer tokens allowed to map identifiers to commitments; the tokens themselves are never stored.
 * {@code domainChallengeBase}, when set, sends every domain challenge to that origin instead of
 * {@code https://<domain>}, and {@code profileChallengeBase} every social profile fetch (same path): for tests
 * and local development only. {@code smsDevelopmentOutbox}, when set, writes phone codes to files in that
 * directory instead of sending them (development only: there is no real SMS gateway); without it phone
 * numbers cannot be bound. {@code witnessKeys} lists the C2SP
 * cosigner keys (vkeys) whose cosignatures the ledger accepts and serves. {@code datasetsUrl} is the dataset
 * builder's API that answers where a grant's rows appear (none: the subjects' page says so), with the bearer
 * token read from {@code datasetsTokenFile} when that API asks for one. {@code binding.allowCidrs}: see
 * {@link Binding}. {@code kafkaClientConfig}, when set, is a Kafka client properties file with the ledger's own
 * credentials (SASL, TLS), read with {@link org.gleaner.protocol.kafka.KafkaClientSettings#read}.
 */
@ConfigurationProperties(prefix = "gleaner.ledger")
public record LedgerProperties(
        String dataDir,
        @DefaultValue("gleaner.devnet") String origin,
        @DefaultValue List<String> coordinatorKeys,
        @DefaultValue("") String kafkaBootstrap,
        @DefaultValue("") String kafkaClientConfig,
        @DefaultValue("gleaner.ledger") String topic,
        @DefaultValue("1000") long checkpointEvery,
        @DefaultValue("10s") Duration checkpointPeriod,
        @DefaultValue("5m") Duration maxClockSkew,
        @DefaultValue("US") String defaultRegion,
        @DefaultValue List<String> lookupTokenSha256,
        @DefaultValue("60") int lookupsPerMinute,
        @DefaultValue("5000") int submissionsPerSecond,
        @DefaultValue("30") int challengesPerMinute,
        @DefaultValue("127.0.0.1") String smtpHost,
        @DefaultValue("25") int smtpPort,
        @DefaultValue("consent@gleaner.invalid") String mailFrom,
        @DefaultValue("") String domainChallengeBase,
        @DefaultValue List<String> witnessKeys,
        @DefaultValue("10") int challengesPerSubjectPerHour,
        @DefaultValue("5") int challengesPerIdentifierPerHour,
        @DefaultValue("") String datasetsUrl,
        @DefaultValue("") String datasetsTokenFile,
        @DefaultValue("") String profileChallengeBase,
        @DefaultValue("") String smsDevelopmentOutbox,
        @DefaultValue Binding binding) {

    /**
     * {@code gleaner.ledger.binding.*}: {@code allowCidrs} lists address ranges (e.g. {@code 127.0.0.1/32}) the
     * challenge fetches may reach although they are not public; empty in production, set by tests and the devnet.
     */
    public record Binding(@DefaultValue List<String> allowCidrs) {
    }
}
