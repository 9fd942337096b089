package org.gleaner.coordinator.journal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the coordinator writes a state change before anyone is told of it. {@link #append} and
 * {@link #appendAll} return only once the events are durable; {@link #appendLater} queues them (keeping the
 * order of calls) and completes when they are, so a caller can release its lock while the write is under way
 * and answer only afterwards. A failed write fails this and every later call: only a restart continues.
 */
public interface Journal {
    default void append(JournalEvent event) {
        appendAll(List.of(event));
    }

    default void appendAll(List<JournalEvent> events) {
        try {
            appendLater(events).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    CompletableFuture<Void> appendLater(List<JournalEvent> events);
}
