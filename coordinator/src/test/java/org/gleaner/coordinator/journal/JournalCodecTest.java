package org.gleaner.coordinator.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.lease.LeaseState;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.lease.LeasedUrl;
import org.junit.jupiter.api.Test;

class JournalCodecTest {
    private final Ed25519KeyPair coordinator = Ed25519KeyPair.generate();

    @Test
    void everyEventRoundTrips() throws MalformedRecordException {
        List<JournalEvent> events = List.of(
                new JournalEvent.JobSubmitted(new CrawlJob("job-1", List.of("http://a.example/"), Set.of("a.example", "*.b.example"),
                        500, 4, "train-ai", List.of("http://a.example/docs/"), List.of(new org.gleaner.coordinator.frontier.UrlPattern("*.html")))),
                new JournalEvent.UrlsQueued("job-1", List.of(new LeasedUrl("http://a.example/x", 2))),
                new JournalEvent.LeaseGranted(Fixtures.lease(coordinator, "l1", Fixtures.keyOf(Ed25519KeyPair.generate()),
                        "a.example", List.of("http://a.example/x"), 1000, 2000)),
                new JournalEvent.LeaseSettled("l1", LeaseState.EXPIRED, 2000),
                new JournalEvent.LeaseReleased("l1"),
                new JournalEvent.EpochClosed(7, 3, org.gleaner.protocol.codec.Bytes.sha256(new byte[1]), 5000),
                new JournalEvent.SpotCheckAssigned("http://a.example/x", "l1", true, 2, List.of("n1", "n2"), List.of("n3")));
        for (JournalEvent event : events) {
            JournalEvent decoded = JournalCodec.decode(JournalCodec.encode(event));
            assertThat(JournalCodec.encode(decoded)).isEqualTo(JournalCodec.encode(event));
        }
        assertThat(JournalCodec.decode(JournalCodec.encode(events.get(3)))).isEqualTo(events.get(3));
        assertThat(JournalCodec.decode(JournalCodec.encode(events.get(0)))).isEqualTo(events.get(0));
        assertThat(JournalCodec.decode(JournalCodec.encode(events.get(6)))).isEqualTo(events.get(6));
    }

    @Test
    void aSignalCarriesItsWindowAndOneJournaledBeforeWindowsIsStillRead() throws MalformedRecordException {
        String node = "ab".repeat(32);
        JournalEvent.SignalRaised signal = new JournalEvent.SignalRaised(node,
                org.gleaner.coordinator.credit.ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS, 1_699_999_200_000L);
        assertThat(JournalCodec.decode(JournalCodec.encode(signal))).isEqualTo(signal);

        byte[] before = new org.gleaner.protocol.codec.CanonicalWriter(128).u8(JournalCodec.VERSION).u8(8).string(node).string("G120")
                .toByteArray();
        assertThat(JournalCodec.decode(before)).isEqualTo(new JournalEvent.SignalRaised(node,
                org.gleaner.coordinator.credit.ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS, JournalEvent.SignalRaised.UNKNOWN_WINDOW));

        byte[] negativeWindow = new org.gleaner.protocol.codec.CanonicalWriter(128).u8(JournalCodec.VERSION).u8(56).string(node)
                .string("G120").i64(-5).toByteArray();
        assertThatThrownBy(() -> JournalCodec.decode(negativeWindow)).isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void refusesASpotCheckDrawWithMoreAssigneesThanWantedOrABadFlag() {
        byte[] one = JournalCodec.encode(new JournalEvent.SpotCheckAssigned("http://a.example/x", "l1", false, 1, List.of("n1"), List.of()));
        byte[] flag = one.clone();
        int flagAt = 2 + 4 + "http://a.example/x".length() + 4 + 2;
        flag[flagAt] = 7;
        assertThatThrownBy(() -> JournalCodec.decode(flag)).isInstanceOf(MalformedRecordException.class).hasMessageContaining("arbitration");
        byte[] wantedZero = one.clone();
        wantedZero[flagAt + 1] = 0;
        assertThatThrownBy(() -> JournalCodec.decode(wantedZero)).isInstanceOf(MalformedRecordException.class).hasMessageContaining("wanted");
    }

    @Test
    void refusesUnknownTypesVersionsTruncationAndTrailingBytes() {
        byte[] released = JournalCodec.encode(new JournalEvent.LeaseReleased("l1"));
        byte[] badType = released.clone();
        badType[1] = 99;
        byte[] badVersion = released.clone();
        badVersion[0] = 2;
        byte[] trailing = Arrays.copyOf(released, released.length + 1);
        byte[] truncated = Arrays.copyOf(released, released.length - 1);
        for (byte[] bad : List.of(badType, badVersion, trailing, truncated, new byte[0])) {
            assertThatThrownBy(() -> JournalCodec.decode(bad)).isInstanceOf(MalformedRecordException.class);
        }
        byte[] badState = JournalCodec.encode(new JournalEvent.LeaseSettled("l1", LeaseState.COMPLETED, 1));
        badState[2 + 4 + 2] = 9;
        assertThatThrownBy(() -> JournalCodec.decode(badState)).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("state");
    }
}
