package org.gleaner.node.bandwidth;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts the bytes that actually crossed the node's sockets, each way, and the rate over the last ten
 * seconds: the figure the operator sees is measured here, never taken from the configured share.
 */
public final class TrafficMeter {
    private static final int WINDOW_SECONDS = 10;

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLongArray perSecond = new AtomicLongArray(WINDOW_SECONDS);
    private final AtomicLongArray secondOfSlot = new AtomicLongArray(WINDOW_SECONDS);
    private final TokenBucket.Ticker ticker;

    public TrafficMeter(TokenBucket.Ticker ticker) {
        this.ticker = ticker;
    }

    public void received(long bytes) {
        received.addAndGet(bytes);
        window(bytes);
    }

    public void sent(long bytes) {
        sent.addAndGet(bytes);
        window(bytes);
    }

    /** Adds an earlier run's totals (not to the recent rate, which is measured only). */
    public void carryOver(long receivedBefore, long sentBefore) {
        received.addAndGet(receivedBefore);
        sent.addAndGet(sentBefore);
    }

    public long receivedBytes() {
        return received.get();
    }

    public long sentBytes() {
        return sent.get();
    }

    public long totalBytes() {
        return received.get() + sent.get();
    }

    /** Bytes per second, both ways, averaged over the last ten whole seconds. */
    public long recentBytesPerSecond() {
        long now = second();
        long sum = 0;
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            long s = secondOfSlot.get(i);
            if (s < now && s >= now - WINDOW_SECONDS) {
                sum += perSecond.get(i);
            }
        }
        return sum / WINDOW_SECONDS;
    }

    private void window(long bytes) {
        long now = second();
        int slot = (int) Math.floorMod(now, (long) WINDOW_SECONDS);
        synchronized (this) {
            if (secondOfSlot.get(slot) != now) {
                secondOfSlot.set(slot, now);
                perSecond.set(slot, 0);
            }
            perSecond.addAndGet(slot, bytes);
        }
    }

    private long second() {
        return Math.floorDiv(ticker.nanoTime(), 1_000_000_000L);
    }
}
