package org.gleaner.coordinator.lease;

import static org.assertj.core.api.Assertions.assertThat;

import org.gleaner.coordinator.Fixtures;
import org.gleaner.coordinator.lease.ReplayGuard.Verdict;
import org.gleaner.protocol.codec.Bytes;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
    private static final long WINDOW = 60_000;
    private static final long NOW = 1_000_000_000L;

    private final ReplayGuard guard = new ReplayGuard(WINDOW);
    private final Bytes key = Bytes.of(filled(32, 1));
    private final Bytes otherKey = Bytes.of(filled(32, 7));

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void aFreshRequestPassesOnceAndItsReplayIsRefused() {
        Bytes nonce = Fixtures.nonce();
        assertThat(guard.check(key, nonce, NOW, NOW)).isEqualTo(Verdict.FRESH);
        assertThat(guard.check(key, nonce, NOW, NOW)).isEqualTo(Verdict.REPLAYED);
        assertThat(guard.check(key, nonce, NOW, NOW + 1000)).isEqualTo(Verdict.REPLAYED);
    }

    @Test
    void nonceIsScopedToTheKey() {
        Bytes nonce = Fixtures.nonce();
        assertThat(guard.check(key, nonce, NOW, NOW)).isEqualTo(Verdict.FRESH);
        assertThat(guard.check(otherKey, nonce, NOW, NOW)).isEqualTo(Verdict.FRESH);
        assertThat(guard.check(key, Fixtures.nonce(), NOW, NOW)).isEqualTo(Verdict.FRESH);
    }

    @Test
    void timestampsOutsideTheWindowAreStaleEitherWay() {
        assertThat(guard.check(key, Fixtures.nonce(), NOW - WINDOW - 1, NOW)).isEqualTo(Verdict.STALE);
        assertThat(guard.check(key, Fixtures.nonce(), NOW + WINDOW + 1, NOW)).isEqualTo(Verdict.STALE);
        assertThat(guard.check(key, Fixtures.nonce(), NOW - WINDOW, NOW)).isEqualTo(Verdict.FRESH);
        assertThat(guard.check(key, Fixtures.nonce(), NOW + WINDOW, NOW)).isEqualTo(Verdict.FRESH);
    }

    @Test
    void aStaleRequestDoesNotBurnItsNonce() {
        Bytes nonce = Fixtures.nonce();
        assertThat(guard.check(key, nonce, NOW - WINDOW - 1, NOW)).isEqualTo(Verdict.STALE);
        assertThat(guard.check(key, nonce, NOW, NOW)).isEqualTo(Verdict.FRESH);
    }

    @Test
    void aReplayAfterTheWindowIsStillRefused() {
        Bytes nonce = Fixtures.nonce();
        assertThat(guard.check(key, nonce, NOW, NOW)).isEqualTo(Verdict.FRESH);
        // Much later the guard has forgotten the nonce, but the request's own timestamp gives it away.
        assertThat(guard.check(key, nonce, NOW, NOW + WINDOW)).isEqualTo(Verdict.REPLAYED);
        assertThat(guard.check(key, nonce, NOW, NOW + 10 * WINDOW)).isEqualTo(Verdict.STALE);
    }

    @Test
    void aFutureDatedRequestCannotBeReplayedOnceItsArrivalHasAgedOut() {
        Bytes nonce = Fixtures.nonce();
        long datedAhead = NOW + WINDOW;
        assertThat(guard.check(key, nonce, datedAhead, NOW)).isEqualTo(Verdict.FRESH);
        // More than a window after it arrived, but its timestamp is still inside the window: must stay refused.
        long later = NOW + WINDOW + 1;
        assertThat(guard.check(otherKey, Fixtures.nonce(), later, later)).isEqualTo(Verdict.FRESH);
        assertThat(guard.check(key, nonce, datedAhead, later)).isEqualTo(Verdict.REPLAYED);
        assertThat(guard.check(key, nonce, datedAhead, NOW + 2 * WINDOW)).isEqualTo(Verdict.REPLAYED);
        assertThat(guard.check(key, nonce, datedAhead, NOW + 2 * WINDOW + 1)).isEqualTo(Verdict.STALE);
    }
}
