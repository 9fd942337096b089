package org.gleaner.builder.dedup;

/**
 * What dedup needs of one text, computed from one normalization: the exact-duplicate key and the MinHash
 * signature. Pure, so a build computes it on its conversion workers and leaves only the index look-ups, which
 * depend on the order of pages, to the build thread.
 */
public record DedupKeys(ExactDuplicates.HashKey exact, long[] minHash) {

    public static DedupKeys of(String text) {
        String normalized = DedupText.normalize(text);
        return new DedupKeys(ExactDuplicates.keyOfNormalized(normalized), MinHasher.signatureOfNormalized(normalized));
    }
}
