package org.gleaner.devnet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.gleaner.builder.ingest.PageSource;
import org.gleaner.builder.ingest.SourceRecord;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.page.FetchedPage;

/**
 * A page source that leaves out the pages of nodes the coordinator caught submitting altered content (a
 * failed spot check): once a node is known to alter pages, none of its pages is trusted for the dataset.
 * Records that do not decode pass through, so the builder counts them as malformed as usual.
 */
final class TrustedNodesOnly implements PageSource {
    private final PageSource source;
    private final Set<String> distrustedNodeIds;
    private final AtomicLong excluded = new AtomicLong();

    TrustedNodesOnly(PageSource source, Set<String> distrustedNodeIds) {
        this.source = source;
        this.distrustedNodeIds = Set.copyOf(distrustedNodeIds);
    }

    /** Pages left out so far. */
    long excluded() {
        return excluded.get();
    }

    @Override
    public List<SourceRecord> poll(Duration timeout) {
        List<SourceRecord> kept = new ArrayList<>();
        for (SourceRecord record : source.poll(timeout)) {
            if (fromDistrustedNode(record)) {
                excluded.incrementAndGet();
            } else {
                kept.add(record);
            }
        }
        return kept;
    }

    private boolean fromDistrustedNode(SourceRecord record) {
        if (record.value() == null || distrustedNodeIds.isEmpty()) {
            return false;
        }
        try {
            return distrustedNodeIds.contains(FetchedPage.decode(record.value()).receipt().record().nodeKey().hex());
        } catch (MalformedRecordException e) {
            return false;
        }
    }

    @Override
    public boolean caughtUp() {
        return source.caughtUp();
    }

    @Override
    public void commit() {
        source.commit();
    }

    @Override
    public void close() {
        source.close();
    }
}
