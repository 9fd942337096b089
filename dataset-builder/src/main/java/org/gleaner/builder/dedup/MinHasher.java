package org.gleaner.builder.dedup;

import java.util.SplittableRandom;

/**
 * MinHash signatures over word shingles, as FineWeb computes them: 5-word shingles of the normalized text and
 * 112 hash functions, so that the share of equal signature positions estimates the Jaccard similarity of
 * two documents' shingle sets. Shingles hash to 64 bits (FNV-1a, then a 64-bit finalizer); the i-th function
 * is that hash mixed with a fixed per-function seed. Seeds are fixed, so signatures are comparable across
 * builds and machines.
 */
public final class MinHasher {
    public static final int SHINGLE_WORDS = 5;
    public static final int HASHES = 112;
    private static final long[] SEEDS = seeds();

    private MinHasher() {}

    /** The signature of a text; a text shorter than one shingle uses all its words as its only shingle. */
    public static long[] signature(String text) {
        return signatureOfNormalized(DedupText.normalize(text));
    }

    /** The signature of a text already in {@link DedupText} form. */
    static long[] signatureOfNormalized(String normalized) {
        String[] words = normalized.split(" ");
        long[] sig = new long[HASHES];
        java.util.Arrays.fill(sig, Long.MAX_VALUE);
        int shingles = Math.max(1, words.length - SHINGLE_WORDS + 1);
        for (int s = 0; s < shingles; s++) {
            long h = shingleHash(words, s, Math.min(SHINGLE_WORDS, words.length));
            for (int i = 0; i < HASHES; i++) {
                long v = mix(h ^ SEEDS[i]);
                if (Long.compareUnsigned(v, sig[i]) < 0) {
                    sig[i] = v;
                }
            }
        }
        return sig;
    }

    /** The share of equal positions: an estimate of the Jaccard similarity of the two shingle sets. */
    public static double similarity(long[] a, long[] b) {
        int same = 0;
        for (int i = 0; i < HASHES; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return same / (double) HASHES;
    }

    private static long shingleHash(String[] words, int from, int n) {
        long h = 0xcbf29ce484222325L;
        for (int w = from; w < from + n; w++) {
            String word = words[w];
            for (int i = 0; i < word.length(); i++) {
                h ^= word.charAt(i);
                h *= 0x100000001b3L;
            }
            h ^= ' ';
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** The 64-bit finalizer of MurmurHash3. */
    static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    private static long[] seeds() {
        SplittableRandom random = new SplittableRandom(0x676c65616e6572L); // "gleaner"
        long[] seeds = new long[HASHES];
        for (int i = 0; i < HASHES; i++) {
            seeds[i] = random.nextLong();
        }
        return seeds;
    }
}
