package org.gleaner.coordinator.journal;

/**
 * Where the coordinator writes a state change before it takes effect. {@link #append} returns only once the
 * event is durable; if it throws, the change must not be applied.
 */
public interface Journal {
    void append(JournalEvent event);
}
