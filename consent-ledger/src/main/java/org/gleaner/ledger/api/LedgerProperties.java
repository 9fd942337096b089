package org.gleaner.ledger.api;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gleaner.ledger.*}: the service's configuration. {@code lookupTokenSha256} lists the SHA-256 (hex) of
 * the bearer tokens allowed to map identifiers to commitments; the tokens themselves are never stored.
 * {@code domainChallengeBase}, when set, sends every domain challenge to that origin instead of
 * {@code https://<domain>}: for tests and local development only. {@code witnessKeys} lists the C2SP
 * cosigner keys (vkeys) whose cosignatures the ledger accepts and serves.
 */
@ConfigurationProperties(prefix = "gleaner.ledger")
public record LedgerProperties(
        String dataDir,
        @DefaultValue("gleaner.devnet") String origin,
        @DefaultValue List<String> coordinatorKeys,
        @DefaultValue("") String kafkaBootstrap,
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
        @DefaultValue List<String> witnessKeys) {
}
