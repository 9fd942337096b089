package org.gleaner.node.bandwidth;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import org.gleaner.node.egress.GuardedSocketFactory.StreamShaper;

/** Counts every byte each way in the meter and holds it to the operator's share through one shared bucket. */
public final class BandwidthShaper implements StreamShaper {
    private final TokenBucket bucket;
    private final TrafficMeter meter;

    /** {@code bucket} may be null: count only, no cap (tests and tools). */
    public BandwidthShaper(TokenBucket bucket, TrafficMeter meter) {
        this.bucket = bucket;
        this.meter = meter;
    }

    public TrafficMeter meter() {
        return meter;
    }

    public long shareBytesPerSecond() {
        return bucket == null ? 0 : bucket.bytesPerSecond();
    }

    @Override
    public InputStream in(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    took(1, true);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    took(n, true);
                }
                return n;
            }
        };
    }

    @Override
    public OutputStream out(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                took(1, false);
                out.write(b);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                took(length, false);
                out.write(buffer, offset, length);
            }
        };
    }

    /** Received bytes are paid for after the read (TCP already carried them), sent bytes before the write. */
    private void took(long bytes, boolean received) throws InterruptedIOException {
        if (received) {
            meter.received(bytes);
        } else {
            meter.sent(bytes);
        }
        if (bucket == null) {
            return;
        }
        try {
            bucket.acquire(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for bandwidth");
        }
    }
}
