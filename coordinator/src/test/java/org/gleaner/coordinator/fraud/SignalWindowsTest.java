package org.gleaner.coordinator.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignalWindowsTest {
    private static final long HOUR = AddressKeyWatch.WINDOW_MILLIS;
    private static final long START = 1_699_999_200_000L; // a window's start: a whole number of hours

    @Test
    void windowsAreFixedHours() {
        assertThat(START % HOUR).isZero();
        assertThat(SignalWindows.windowOf(START)).isEqualTo(START);
        assertThat(SignalWindows.windowOf(START + HOUR - 1)).isEqualTo(START);
        assertThat(SignalWindows.windowOf(START + HOUR)).isEqualTo(START + HOUR);
    }

    @Test
    void aNodeIsSignalledOncePerWindow() {
        SignalWindows windows = new SignalWindows();
        assertThat(windows.firstInWindow("n1", START)).isTrue();
        assertThat(windows.signalled("n1", START)).isTrue();
        assertThat(windows.firstInWindow("n1", START)).as("the same window").isFalse();
        assertThat(windows.firstInWindow("n2", START)).as("another node").isTrue();
        assertThat(windows.firstInWindow("n1", START + HOUR)).as("the next window").isTrue();
        assertThat(windows.signalled("n2", START + HOUR)).isFalse();
    }

    @Test
    void onlyTheCurrentAndThePreviousWindowAreKept() {
        SignalWindows windows = new SignalWindows();
        windows.firstInWindow("n1", START);
        windows.firstInWindow("n1", START + HOUR);
        windows.firstInWindow("n1", START + 2 * HOUR);
        assertThat(windows.windowsKept()).isEqualTo(2);
        assertThat(windows.firstInWindow("n9", START)).as("a window that is over raises nothing more").isFalse();
    }

    @Test
    void aFloodOfKeysInOneWindowIsBounded() {
        SignalWindows windows = new SignalWindows();
        for (int i = 0; i < SignalWindows.MAX_NODES_PER_WINDOW; i++) {
            assertThat(windows.firstInWindow("n" + i, START)).isTrue();
        }
        assertThat(windows.firstInWindow("one-more", START)).isFalse();
        assertThat(windows.firstInWindow("one-more", START + HOUR)).isTrue();
    }
}
