package org.gleaner.builder.build;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.gleaner.builder.ingest.PageSource;
import org.gleaner.builder.ingest.SourceRecord;

/** An in-memory page source: hands out the given batches in order; caught up once all are handed out. */
class ListPageSource implements PageSource {
    private final Deque<List<SourceRecord>> batches;
    private final boolean everCaughtUp;
    int polls;
    boolean committed;
    boolean closed;

    ListPageSource(List<List<SourceRecord>> batches, boolean everCaughtUp) {
        this.batches = new ArrayDeque<>(batches);
        this.everCaughtUp = everCaughtUp;
    }

    static ListPageSource of(List<List<SourceRecord>> batches) {
        return new ListPageSource(batches, true);
    }

    @Override
    public List<SourceRecord> poll(Duration timeout) {
        polls++;
        if (batches.isEmpty()) {
            try {
                Thread.sleep(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }
        return batches.poll();
    }

    @Override
    public boolean caughtUp() {
        return everCaughtUp && batches.isEmpty();
    }

    @Override
    public void commit() {
        committed = true;
    }

    @Override
    public void close() {
        closed = true;
    }
}
