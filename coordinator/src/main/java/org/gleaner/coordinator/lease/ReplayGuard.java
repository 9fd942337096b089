package org.gleaner.coordinator.lease;

import java.util.Comparator;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;
import org.gleaner.protocol.codec.Bytes;

/**
 * Refuses a signed request whose timestamp is outside the freshness window or whose (key, nonce) was seen
 * within it. Memory is bounded by the window: a nonce is dropped once its request's own timestamp has left the
 * window, because a replay of it would then be refused as stale anyway.
 */
public final class ReplayGuard {
    private final long windowMillis;
    private final Set<Bytes> seen = new HashSet<>();
    private final PriorityQueue<Seen> order = new PriorityQueue<>(Comparator.comparingLong(Seen::requestMillis));

    public ReplayGuard(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    public Verdict check(Bytes key, Bytes nonce, long requestMillis, long nowMillis) {
        while (!order.isEmpty() && order.peek().requestMillis < nowMillis - windowMillis) {
            seen.remove(order.poll().id);
        }
        if (Math.abs(nowMillis - requestMillis) > windowMillis) {
            return Verdict.STALE;
        }
        Bytes id = Bytes.of(concat(key.toArray(), nonce.toArray()));
        if (!seen.add(id)) {
            return Verdict.REPLAYED;
        }
        // Keyed by the request's timestamp, not the arrival time: a request dated up to a window ahead must stay
        // remembered until its own timestamp is stale, or it could be replayed once the arrival entry aged out.
        order.add(new Seen(id, requestMillis));
        return Verdict.FRESH;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    public enum Verdict {
        FRESH,
        STALE,
        REPLAYED
    }

    private record Seen(Bytes id, long requestMillis) {
    }
}
