package org.gleaner.coordinator.journal;

/**
 * Where the coordinator writes a state change before it takes effect. {@link #append} returns only once the
 * event is durable; if it throws, the change must not be applied.
 */
public interface Journal {
    void append(JournalEvent event);

    /** Appends several events as one durable unit (one transaction where the journal supports it). */
    default void appendAll(java.util.List<JournalEvent> events) {
        events.forEach(this::append);
    }
}
