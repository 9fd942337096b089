package org.gleaner.coordinator.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A journal that only keeps events in memory: not durable. For a coordinator that does not need to survive a
 * restart (unit tests, single-shot tools), and for tests that replay the events into a fresh coordinator.
 */
public final class InMemoryJournal implements Journal {
    private final List<JournalEvent> events = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<Void> appendLater(List<JournalEvent> batch) {
        events.addAll(batch);
        return CompletableFuture.completedFuture(null);
    }

    public synchronized List<JournalEvent> events() {
        return List.copyOf(events);
    }
}
