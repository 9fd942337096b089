package org.gleaner.ledger.api;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.gleaner.ledger.binding.DomainChallengeFetcher;
import org.gleaner.ledger.binding.IdentityBinder;
import org.gleaner.ledger.binding.DevelopmentSmsOutbox;
import org.gleaner.ledger.binding.MailSender;
import org.gleaner.ledger.binding.SmsGateway;
import org.slf4j.LoggerFactory;
import org.gleaner.ledger.binding.ProfileChallengeFetcher;
import org.gleaner.ledger.service.LedgerConfig;
import org.gleaner.ledger.service.LedgerService;
import org.gleaner.ledger.witness.CosignatureBook;
import org.gleaner.protocol.kafka.KafkaClientSettings;
import org.gleaner.protocol.net.Cidr;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.protocol.net.HostResolver;
import org.gleaner.protocol.note.CosignatureV1;
import org.gleaner.protocol.note.NoteKeyException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain ledger classes from {@link LedgerProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerProperties.class)
class LedgerBeans {

    @Bean(destroyMethod = "close")
    LedgerService ledgerService(LedgerProperties p) throws IOException {
        if (p.dataDir() == null || p.dataDir().isBlank()) {
            throw new IllegalStateException("gleaner.ledger.data-dir is required");
        }
        LedgerConfig config = new LedgerConfig(Path.of(p.dataDir()), p.origin(), p.coordinatorKeys(), p.kafkaBootstrap(),
                p.topic(), p.checkpointEvery(), p.checkpointPeriod(), p.maxClockSkew(), p.defaultRegion(),
                p.kafkaClientConfig().isBlank() ? KafkaClientSettings.NONE : KafkaClientSettings.read(Path.of(p.kafkaClientConfig())));
        return LedgerService.open(config, Clock.systemUTC());
    }

    @Bean
    IdentityBinder identityBinder(LedgerService ledger, LedgerProperties p) throws IOException {
        EgressGuard guard = bindingGuard(p.binding());
        DomainChallengeFetcher fetcher = p.domainChallengeBase().isEmpty()
                ? DomainChallengeFetcher.https(guard)
                : new DomainChallengeFetcher(domain -> URI.create(p.domainChallengeBase()), HostResolver.system(), guard);
        ProfileChallengeFetcher profiles = p.profileChallengeBase().isEmpty()
                ? ProfileChallengeFetcher.https(guard)
                : ProfileChallengeFetcher.at(URI.create(p.profileChallengeBase()), guard);
        SmsGateway sms = null;
        if (!p.smsDevelopmentOutbox().isBlank()) {
            LoggerFactory.getLogger(LedgerBeans.class).warn("phone codes are written to the development SMS outbox {}, not sent:"
                    + " never use this for real people", p.smsDevelopmentOutbox());
            sms = new DevelopmentSmsOutbox(Path.of(p.smsDevelopmentOutbox()));
        }
        return new IdentityBinder(ledger, fetcher, new MailSender(p.smtpHost(), p.smtpPort(), p.mailFrom()), profiles, sms,
                new IdentityBinder.Limits(p.challengesPerSubjectPerHour(), p.challengesPerIdentifierPerHour()));
    }

    private static EgressGuard bindingGuard(LedgerProperties.Binding binding) {
        List<Cidr> rules = new ArrayList<>();
        for (String rule : binding.allowCidrs()) {
            if (rule.isBlank()) {
                continue;
            }
            try {
                rules.add(Cidr.parse(rule));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("gleaner.ledger.binding.allow-cidrs: " + e.getMessage(), e);
            }
        }
        var log = LoggerFactory.getLogger(LedgerBeans.class);
        if (rules.isEmpty()) {
            log.info("challenge fetches: only public addresses (no allow rules)");
        } else {
            log.warn("challenge fetches may also reach {} (gleaner.ledger.binding.allow-cidrs): tests and development only",
                    rules);
        }
        return new EgressGuard(rules);
    }

    @Bean
    CosignatureBook cosignatureBook(LedgerService ledger, LedgerProperties p) {
        List<CosignatureV1> witnesses = new ArrayList<>();
        for (String vkey : p.witnessKeys()) {
            if (vkey.isBlank()) {
                continue;
            }
            try {
                witnesses.add(CosignatureV1.parse(vkey.strip()));
            } catch (NoteKeyException e) {
                throw new IllegalStateException("gleaner.ledger.witness-keys: " + e.getMessage(), e);
            }
        }
        return new CosignatureBook(ledger.log(), ledger.checkpointVerifier(), witnesses,
                ledger.config().dataDir().resolve("log/cosigned-checkpoint.note"));
    }

    @Bean
    RateLimits rateLimits(LedgerProperties p) {
        return new RateLimits(
                limiter(p.lookupsPerMinute(), Duration.ofMinutes(1)),
                limiter(p.submissionsPerSecond(), Duration.ofSeconds(1)),
                limiter(p.challengesPerMinute(), Duration.ofMinutes(1)));
    }

    @Bean
    LookupAuthenticator lookupAuthenticator(LedgerProperties p) {
        return new LookupAuthenticator(p.lookupTokenSha256());
    }

    private static RateLimiterRegistry limiter(int permits, Duration period) {
        return RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(permits)
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build());
    }
}
