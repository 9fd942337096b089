package org.gleaner.node.bandwidth;

/**
 * A token bucket of bytes: refills at {@code bytesPerSecond}, holds at most one second's worth, and blocks
 * a caller until the bytes it asks for are covered. Shared by every connection, so the operator's share
 * is a cap on the node as a whole, both directions together.
 */
public final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long bytesPerSecond;
    private final long capacity;
    private final Ticker ticker;
    private double tokens;
    private long lastRefill;

    /** Time and waiting, so that tests can run the bucket on a clock of their own. */
    public interface Ticker {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;

        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };
    }

    public TokenBucket(long bytesPerSecond, Ticker ticker) {
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("a share must be at least 1 byte per second");
        }
        this.bytesPerSecond = bytesPerSecond;
        this.capacity = bytesPerSecond;
        this.ticker = ticker;
        this.lastRefill = ticker.nanoTime();
        this.tokens = capacity;
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Takes {@code bytes} tokens, waiting as long as needed; larger requests are taken in bucket-sized parts. */
    public void acquire(long bytes) throws InterruptedException {
        long left = bytes;
        while (left > 0) {
            long part = Math.min(left, capacity);
            long wait;
            synchronized (this) {
                refill();
                tokens -= part;
                // Going into debt and then sleeping it off keeps callers in arrival order without a queue.
                wait = tokens >= 0 ? 0 : (long) Math.ceil(-tokens * NANOS_PER_SECOND / bytesPerSecond);
            }
            if (wait > 0) {
                ticker.sleepNanos(wait);
            }
            left -= part;
        }
    }

    private void refill() {
        long now = ticker.nanoTime();
        long elapsed = now - lastRefill;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + (double) elapsed * bytesPerSecond / NANOS_PER_SECOND);
            lastRefill = now;
        }
    }
}
