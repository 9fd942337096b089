package org.gleaner.coordinator.journal;

import java.util.ArrayList;
import java.util.List;

/**
 * A journal that only keeps events in memory: not durable. For a coordinator that does not need to survive a
 * restart (unit tests, single-shot tools), and for tests that replay the events into a fresh coordinator.
 */
public final class InMemoryJournal implements Journal {
    private final List<JournalEvent> events = new ArrayList<>();

    @Override
    public synchronized void append(JournalEvent event) {
        events.add(event);
    }

    public synchronized List<JournalEvent> events() {
        return List.copyOf(events);
    }
}
