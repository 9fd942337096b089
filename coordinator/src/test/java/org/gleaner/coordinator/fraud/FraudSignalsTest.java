package org.gleaner.coordinator.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.journal.InMemoryJournal;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.Test;

class FraudSignalsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void committedContributionsAreCountedByOutcomeAndReasonAndSignalsPerNode() {
        FraudSignals signals = new FraudSignals(registry);
        signals.committed(CreditEvent.credited("n1", "l", "u", 10));
        signals.committed(CreditEvent.refused("n1", "l", "u", ReasonCode.DUPLICATE));
        signals.committed(CreditEvent.refused("n2", "l", "u", ReasonCode.NO_LEASE));
        signals.committed(CreditEvent.refused("n2", "l", "u", ReasonCode.LEASE_RELEASED));

        assertThat(registry.get("gleaner.coordinator.contributions").tag("outcome", "credited").counter().count()).isEqualTo(1);
        assertThat(registry.get("gleaner.coordinator.contributions").tag("reason", "G108").counter().count()).isEqualTo(1);
        assertThat(registry.get("gleaner.coordinator.fraud.signals").tag("reason", "G107").counter().count()).isEqualTo(1);
        assertThat(registry.get("gleaner.coordinator.fraud.signals").tag("reason", "G102").counter().count()).isEqualTo(1);
        assertThat(registry.find("gleaner.coordinator.fraud.signals").tag("reason", "G108").counter()).as("a late page is no signal").isNull();
        assertThat(signals.snapshot()).containsOnlyKeys("n1", "n2");
        assertThat(signals.snapshot().get("n2")).containsExactlyEntriesOf(java.util.Map.of(ReasonCode.NO_LEASE, 1L));
    }

    @Test
    void tooManyKeysFromOneAddressAreRefusedWithAReasonCodeWithinTheWindowOnly() {
        AddressKeyWatch watch = new AddressKeyWatch(2, 1000);
        Bytes k1 = Bytes.of(new byte[] {1});
        Bytes k2 = Bytes.of(new byte[] {2});
        Bytes k3 = Bytes.of(new byte[] {3});
        assertThat(watch.admit("10.0.0.1", k1, 0)).isTrue();
        assertThat(watch.admit("10.0.0.1", k2, 10)).isTrue();
        assertThat(watch.admit("10.0.0.1", k1, 20)).as("a known key may keep asking").isTrue();
        assertThat(watch.admit("10.0.0.1", k3, 30)).isFalse();
        assertThat(watch.admit("10.0.0.2", k3, 30)).as("another address").isTrue();
        assertThat(watch.admit("10.0.0.1", k3, 1011)).as("k2 aged out of the window").isTrue();
    }

    @Test
    void theCoordinatorRefusesTheKeyBeyondTheLimitAndRecordsTheSignal() {
        Coordinator coordinator = new Coordinator(CoordinatorConfig.defaults(Fixtures.ORIGIN), Ed25519KeyPair.generate(),
                new Fixtures.MutableClock(1_700_000_000_000L), new InMemoryJournal(), registry);
        coordinator.submit(new CrawlJob("j", List.of("http://a.example/"), Set.of("a.example"), 10, 1, "train-ai"));
        long now = 1_700_000_000_000L;
        for (int i = 0; i < Coordinator.MAX_KEYS_PER_ADDRESS; i++) {
            assertThat(coordinator.requestLease(Fixtures.leaseRequest(Ed25519KeyPair.generate(), 1, now), "192.0.2.7"))
                    .isNotInstanceOf(LeaseDecision.Refused.class);
        }
        Ed25519KeyPair extra = Ed25519KeyPair.generate();
        LeaseDecision decision = coordinator.requestLease(Fixtures.leaseRequest(extra, 1, now), "192.0.2.7");
        assertThat(decision).isInstanceOf(LeaseDecision.Refused.class);
        assertThat(((LeaseDecision.Refused) decision).reason()).startsWith("G120");
        assertThat(coordinator.signals().snapshot().get(extra.publicKey().fingerprint()))
                .containsEntry(ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS, 1L);
        assertThat(registry.get("gleaner.coordinator.fraud.signals").tag("reason", "G120").counter().count()).isEqualTo(1);
        assertThat(coordinator.requestLease(Fixtures.leaseRequest(extra, 1, now), "198.51.100.1"))
                .isNotInstanceOf(LeaseDecision.Refused.class);
    }

    @Test
    void aRefusedKeyThatKeepsAskingIsSignalledOncePerWindowAndJournaledOnce() {
        Fixtures.MutableClock clock = new Fixtures.MutableClock(1_699_999_200_000L + 60_000);
        InMemoryJournal journal = new InMemoryJournal();
        Coordinator coordinator = new Coordinator(CoordinatorConfig.defaults(Fixtures.ORIGIN), Ed25519KeyPair.generate(), clock,
                journal, registry);
        for (int i = 0; i < Coordinator.MAX_KEYS_PER_ADDRESS; i++) {
            coordinator.requestLease(Fixtures.leaseRequest(Ed25519KeyPair.generate(), 1, clock.millis()), "192.0.2.7");
        }
        Ed25519KeyPair extra = Ed25519KeyPair.generate();
        for (int i = 0; i < 3; i++) {
            assertThat(coordinator.requestLease(Fixtures.leaseRequest(extra, 1, clock.millis()), "192.0.2.7"))
                    .isInstanceOfSatisfying(LeaseDecision.Refused.class, r -> assertThat(r.reason()).startsWith("G120"));
        }
        String id = extra.publicKey().fingerprint();
        assertThat(coordinator.signals().snapshot().get(id)).containsEntry(ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS, 1L);
        assertThat(journal.events()).filteredOn(e -> e instanceof org.gleaner.coordinator.journal.JournalEvent.SignalRaised).hasSize(1);

        // An hour later the eight keys have aged out; nine fresh ones make the ninth a new signal in a new window.
        clock.advance(java.time.Duration.ofHours(1).toMillis() + 1);
        for (int i = 0; i < Coordinator.MAX_KEYS_PER_ADDRESS; i++) {
            coordinator.requestLease(Fixtures.leaseRequest(Ed25519KeyPair.generate(), 1, clock.millis()), "192.0.2.7");
        }
        assertThat(coordinator.requestLease(Fixtures.leaseRequest(extra, 1, clock.millis()), "192.0.2.7"))
                .isInstanceOf(LeaseDecision.Refused.class);
        assertThat(coordinator.signals().snapshot().get(id)).containsEntry(ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS, 2L);
        assertThat(registry.get("gleaner.coordinator.fraud.signals").tag("reason", "G120").counter().count()).isEqualTo(2);
    }

    @Test
    void afterARestartTheSameWindowRaisesNothingNew() {
        Fixtures.MutableClock clock = new Fixtures.MutableClock(1_699_999_200_000L + 60_000);
        InMemoryJournal journal = new InMemoryJournal();
        Ed25519KeyPair coordinatorKey = Ed25519KeyPair.generate();
        Coordinator before = new Coordinator(CoordinatorConfig.defaults(Fixtures.ORIGIN), coordinatorKey, clock, journal, registry);
        List<Ed25519KeyPair> keys = new java.util.ArrayList<>();
        for (int i = 0; i < Coordinator.MAX_KEYS_PER_ADDRESS; i++) {
            keys.add(Ed25519KeyPair.generate());
            before.requestLease(Fixtures.leaseRequest(keys.get(i), 1, clock.millis()), "192.0.2.7");
        }
        Ed25519KeyPair extra = Ed25519KeyPair.generate();
        before.requestLease(Fixtures.leaseRequest(extra, 1, clock.millis()), "192.0.2.7");

        InMemoryJournal afterJournal = new InMemoryJournal();
        Coordinator after = new Coordinator(CoordinatorConfig.defaults(Fixtures.ORIGIN), coordinatorKey, clock, afterJournal,
                new SimpleMeterRegistry());
        after.restore(journal.events(), List.of());
        clock.advance(1_000);
        for (Ed25519KeyPair key : keys) {
            after.requestLease(Fixtures.leaseRequest(key, 1, clock.millis()), "192.0.2.7");
        }
        assertThat(after.requestLease(Fixtures.leaseRequest(extra, 1, clock.millis()), "192.0.2.7")).isInstanceOf(LeaseDecision.Refused.class);
        assertThat(after.signals().snapshot().get(extra.publicKey().fingerprint())).containsEntry(ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS, 1L);
        assertThat(afterJournal.events()).noneMatch(e -> e instanceof org.gleaner.coordinator.journal.JournalEvent.SignalRaised);
    }
}
