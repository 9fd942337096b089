package org.gleaner.builder.dedup;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Near-duplicate detection within a dataset version by MinHash LSH, with FineWeb's parameters: the 112-value
 * signature is cut into 14 bands of 8; two documents are near duplicates when any band is equal in both
 * (for Jaccard similarity s, the chance is 1 - (1 - s^8)^14: about 0.92 at s = 0.8, 0.03 at s = 0.5). The
 * first document of a cluster is kept, later ones are reported as duplicates of it.
 *
 * <p>The index holds 14 band hashes per kept document in memory: about 1 KiB per document with the map's
 * overhead, so one builder instance covers tens of millions of documents; the cross-crawl index is the
 * design's shared band table (see docs/datasets.md).
 */
public final class NearDuplicates {
    public static final int BANDS = 14;
    public static final int ROWS_PER_BAND = 8;
    private final Map<Long, String> bandOwners = new HashMap<>();

    static {
        if (BANDS * ROWS_PER_BAND != MinHasher.HASHES) {
            throw new AssertionError("bands times rows must equal the signature length");
        }
    }

    /**
     * The id of an earlier document this one is a near duplicate of, or empty, in which case this document
     * is indexed under {@code id}.
     */
    public Optional<String> duplicateOf(String id, long[] signature) {
        long[] keys = new long[BANDS];
        for (int b = 0; b < BANDS; b++) {
            long h = MinHasher.mix(b + 1L);
            for (int r = 0; r < ROWS_PER_BAND; r++) {
                h = MinHasher.mix(h ^ signature[b * ROWS_PER_BAND + r]);
            }
            keys[b] = h;
            String owner = bandOwners.get(h);
            if (owner != null) {
                return Optional.of(owner);
            }
        }
        for (long key : keys) {
            bandOwners.put(key, id);
        }
        return Optional.empty();
    }
}
