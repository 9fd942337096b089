package org.gleaner.coordinator.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.journal.InMemoryJournal;
import org.gleaner.coordinator.journal.JournalCodec;
import org.gleaner.coordinator.journal.JournalEvent;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.Test;

/** Fraud signals are rebuilt from the credits topic and the journal, so the operator's view survives a restart. */
class FraudSignalsRestartTest {
    private final Fixtures.MutableClock clock = new Fixtures.MutableClock(1_700_000_000_000L);
    private final CoordinatorConfig config = new CoordinatorConfig(Fixtures.ORIGIN, 4, Duration.ofSeconds(60), Duration.ofMillis(50),
            Duration.ofMinutes(5), 0);
    private final Ed25519KeyPair key = Ed25519KeyPair.generate();
    private final InMemoryJournal journal = new InMemoryJournal();
    private final Coordinator before = new Coordinator(config, key, clock, journal);

    @Test
    void signalsFromPagesLinksAndLeaseRequestsSurviveARestart() throws Exception {
        before.submit(new CrawlJob("job-1", List.of("http://a.example/1"), Set.of("a.example"), 10, 1, "train-ai"));
        List<Ed25519KeyPair> nodes = new ArrayList<>();
        LeaseDecision last = null;
        for (int i = 0; i <= Coordinator.MAX_KEYS_PER_ADDRESS; i++) {
            Ed25519KeyPair node = Ed25519KeyPair.generate();
            nodes.add(node);
            last = before.requestLease(Fixtures.leaseRequest(node, 4, clock.millis()), "198.51.100.7");
        }
        assertThat(last).isInstanceOfSatisfying(LeaseDecision.Refused.class, r -> assertThat(r.reason()).startsWith("G120"));
        String refusedNode = nodes.get(Coordinator.MAX_KEYS_PER_ADDRESS).publicKey().fingerprint();

        Ed25519KeyPair cheat = nodes.get(0);
        List<CreditEvent> committed = new ArrayList<>();
        committed.add(before.acceptPage(Fixtures.page(cheat, "no-such-lease", "http://a.example/1", clock.millis(),
                "<p>x</p>".getBytes(StandardCharsets.UTF_8))));
        committed.add(before.refuseLinks(ReasonCode.LINKS_FORGED));
        committed.forEach(before.signals()::committed);
        String cheatId = cheat.publicKey().fingerprint();
        assertThat(before.signals().snapshot().get(cheatId)).containsEntry(ReasonCode.NO_LEASE, 1L);

        List<JournalEvent> events = new ArrayList<>();
        for (JournalEvent e : journal.events()) {
            events.add(JournalCodec.decode(JournalCodec.encode(e)));
        }
        assertThat(events).anyMatch(e -> e instanceof JournalEvent.SignalRaised);
        Coordinator after = new Coordinator(config, key, clock, new InMemoryJournal());
        after.restore(events, committed);

        var signals = after.signals().snapshot();
        assertThat(signals.get(refusedNode)).containsEntry(ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS, 1L);
        assertThat(signals.get(cheatId)).containsEntry(ReasonCode.NO_LEASE, 1L);
        assertThat(signals.get(CreditEvent.UNVERIFIED)).containsEntry(ReasonCode.LINKS_FORGED, 1L);
        assertThat(after.credits()).anySatisfy(c -> {
            assertThat(c.nodeId()).isEqualTo(cheatId);
            assertThat(c.refusals()).containsEntry(ReasonCode.NO_LEASE, 1L);
        });
    }
}
