package org.gleaner.coordinator.fraud;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which nodes already got a signal in which window, so that a refused key that keeps asking is signalled once per
 * window (fixed windows of {@link AddressKeyWatch#WINDOW_MILLIS}), not once per request. Rebuilt from the journal after
 * a restart or a hand-over. Only the current and the previous window are kept, each with at most
 * {@link #MAX_NODES_PER_WINDOW} nodes: past that, further nodes count as signalled, so a flood of new keys cannot grow
 * memory or the journal without bound.
 */
public final class SignalWindows {
    static final int MAX_NODES_PER_WINDOW = 100_000;

    private final TreeMap<Long, Set<String>> signalledByWindow = new TreeMap<>();

    /** The start of the window that holds {@code millis}. */
    public static long windowOf(long millis) {
        return millis - Math.floorMod(millis, AddressKeyWatch.WINDOW_MILLIS);
    }

    /** Whether {@code nodeId} already got a signal in the window starting at {@code windowStart}. */
    public synchronized boolean signalled(String nodeId, long windowStart) {
        Set<String> nodes = signalledByWindow.get(windowStart);
        return nodes != null && nodes.contains(nodeId);
    }

    /** Records a signal for {@code nodeId} in the window starting at {@code windowStart}; false if it had one already. */
    public synchronized boolean firstInWindow(String nodeId, long windowStart) {
        Long newest = signalledByWindow.isEmpty() ? null : signalledByWindow.lastKey();
        if (newest != null && windowStart < newest - AddressKeyWatch.WINDOW_MILLIS) {
            return false; // older than anything kept: its window is over
        }
        Set<String> nodes = signalledByWindow.computeIfAbsent(windowStart, w -> new HashSet<>());
        if (nodes.contains(nodeId) || nodes.size() >= MAX_NODES_PER_WINDOW) {
            return false;
        }
        nodes.add(nodeId);
        signalledByWindow.headMap(signalledByWindow.lastKey() - AddressKeyWatch.WINDOW_MILLIS).clear();
        return true;
    }

    synchronized int windowsKept() {
        return signalledByWindow.size();
    }
}
