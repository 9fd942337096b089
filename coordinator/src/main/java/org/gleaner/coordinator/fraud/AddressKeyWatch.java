package org.gleaner.coordinator.fraud;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gleaner.protocol.codec.Bytes;

/**
 * Limits how many distinct node keys may ask for work from one network address within a window: a farm of
 * keys behind one connection is the classic way to multiply rewards. Addresses are kept only in memory and
 * only for the window; the number of tracked addresses is capped.
 */
public final class AddressKeyWatch {
    private static final int MAX_ADDRESSES = 100_000;
    /** The window the coordinator watches (an hour); signals are raised at most once per node in each. */
    public static final long WINDOW_MILLIS = 3_600_000;

    private final int maxKeysPerAddress;
    private final long windowMillis;
    private final Map<String, Map<Bytes, Long>> keysByAddress = new LinkedHashMap<>(16, 0.75f, true);

    public AddressKeyWatch(int maxKeysPerAddress, long windowMillis) {
        if (maxKeysPerAddress < 1 || windowMillis < 1) {
            throw new IllegalArgumentException("maxKeysPerAddress and windowMillis must be positive");
        }
        this.maxKeysPerAddress = maxKeysPerAddress;
        this.windowMillis = windowMillis;
    }

    /** Records that {@code key} asked from {@code address}; false if that makes one key too many. */
    public synchronized boolean admit(String address, Bytes key, long nowMillis) {
        Map<Bytes, Long> keys = keysByAddress.computeIfAbsent(address, a -> new HashMap<>());
        keys.values().removeIf(seen -> seen < nowMillis - windowMillis);
        if (!keys.containsKey(key) && keys.size() >= maxKeysPerAddress) {
            return false;
        }
        keys.put(key, nowMillis);
        if (keysByAddress.size() > MAX_ADDRESSES) {
            Iterator<String> eldest = keysByAddress.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return true;
    }
}
