package org.gleaner.node;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last fetches that went out through the operator's address: when, which host, what came of it, how many
 * bytes. Hosts only, never full URLs or query strings, and bounded in size.
 */
public final class HostLog {
    public static final int CAPACITY = 500;

    public record Entry(long atMillis, String host, String outcome, long bytes) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    synchronized void add(Entry entry) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    /** Puts back the entries of an earlier run (oldest first), keeping the newest {@link #CAPACITY}. */
    synchronized void resume(List<Entry> oldestFirst) {
        java.util.Deque<Entry> current = new ArrayDeque<>(entries);
        entries.clear();
        for (Entry e : oldestFirst) {
            add(e);
        }
        for (Entry e : current) {
            add(e);
        }
    }

    synchronized List<Entry> oldestFirst() {
        return List.copyOf(entries);
    }

    /** Newest first. */
    public synchronized List<Entry> recent() {
        List<Entry> out = new java.util.ArrayList<>(entries);
        java.util.Collections.reverse(out);
        return out;
    }
}
