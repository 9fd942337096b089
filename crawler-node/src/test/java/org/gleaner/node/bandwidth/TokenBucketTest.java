package org.gleaner.node.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    /** Time that only moves when the bucket sleeps: rates are checked without measuring wall time. */
    static final class FakeTicker implements TokenBucket.Ticker {
        long now = 1_000_000_000L;
        long slept;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
            slept += nanos;
        }
    }

    @Test
    void aFullBucketLetsOneSecondOfBytesThroughAtOnce() throws Exception {
        FakeTicker ticker = new FakeTicker();
        TokenBucket bucket = new TokenBucket(1000, ticker);
        bucket.acquire(1000);
        assertThat(ticker.slept).isZero();
    }

    @Test
    void holdsTheLongRunRateToTheShare() throws Exception {
        FakeTicker ticker = new FakeTicker();
        TokenBucket bucket = new TokenBucket(1000, ticker);
        long start = ticker.now;
        for (int i = 0; i < 100; i++) {
            bucket.acquire(250);
        }
        // 25,000 bytes at 1,000 B/s with a one-second burst: at least 24 seconds.
        assertThat(ticker.now - start).isGreaterThanOrEqualTo(24_000_000_000L);
        assertThat(ticker.now - start).isLessThan(25_000_000_000L);
    }

    @Test
    void refillsWhileIdleButNeverBeyondOneSecond() throws Exception {
        FakeTicker ticker = new FakeTicker();
        TokenBucket bucket = new TokenBucket(1000, ticker);
        bucket.acquire(1000);
        ticker.now += 60_000_000_000L; // a minute idle
        bucket.acquire(1000);
        assertThat(ticker.slept).isZero();
        bucket.acquire(500);
        assertThat(ticker.slept).isEqualTo(500_000_000L);
    }

    @Test
    void aRequestLargerThanTheBucketIsTakenInParts() throws Exception {
        FakeTicker ticker = new FakeTicker();
        TokenBucket bucket = new TokenBucket(1000, ticker);
        bucket.acquire(5000);
        assertThat(ticker.slept).isEqualTo(4_000_000_000L);
    }

    @Test
    void refusesAZeroShare() {
        assertThatThrownBy(() -> new TokenBucket(0, new FakeTicker())).isInstanceOf(IllegalArgumentException.class);
    }
}
