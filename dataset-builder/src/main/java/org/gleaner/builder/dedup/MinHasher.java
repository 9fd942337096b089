package org.gleaner.builder.dedup;

import java.util.SplittableRandom;

/**
 * MinHash signatures over word shingles, as FineWeb computes them: 5-word shingles of the normalized text and
 * 112 hash functions, so that the share of equal signature positions estimates the Jaccard similarity of
 * two documents' shingle sets. Each word hashes once to 64 bits (FNV-1a, then a 64-bit finalizer), a shingle
 * hashes its five word hashes to one 64-bit value, and the i-th function is the multiply-add
 * {@code a[i] * h + b[i]} (mod 2^64, {@code a[i]} odd, so each function is a permutation of the 64-bit values),
 * compared as unsigned numbers: one multiplication per function and shingle, and no string per word or
 * shingle. Coefficients are fixed, so signatures are comparable across builds and machines.
 */
public final class MinHasher {
    public static final int SHINGLE_WORDS = 5;
    public static final int HASHES = 112;
    private static final long[] MULTIPLIERS = new long[HASHES];
    private static final long[] INCREMENTS = new long[HASHES];

    static {
        SplittableRandom random = new SplittableRandom(0x676c65616e6572L); // "gleaner"
        for (int i = 0; i < HASHES; i++) {
            MULTIPLIERS[i] = random.nextLong() | 1L;
            INCREMENTS[i] = random.nextLong();
        }
    }

    private MinHasher() {}

    /** The signature of a text; a text shorter than one shingle uses all its words as its only shingle. */
    public static long[] signature(String text) {
        return signatureOfNormalized(DedupText.normalize(text));
    }

    /** The signature of a text already in {@link DedupText} form (words separated by single spaces). */
    static long[] signatureOfNormalized(String normalized) {
        long[] sig = new long[HASHES];
        java.util.Arrays.fill(sig, -1L); // the largest unsigned value
        long[] window = new long[SHINGLE_WORDS];
        int words = 0;
        int start = 0;
        int length = normalized.length();
        for (int i = 0; i <= length; i++) {
            if (i == length || normalized.charAt(i) == ' ') {
                window[words % SHINGLE_WORDS] = wordHash(normalized, start, i);
                words++;
                start = i + 1;
                if (words >= SHINGLE_WORDS) {
                    permuteInto(sig, shingleHash(window, words, SHINGLE_WORDS));
                }
            }
        }
        if (words < SHINGLE_WORDS) {
            permuteInto(sig, shingleHash(window, words, words));
        }
        return sig;
    }

    private static void permuteInto(long[] sig, long shingle) {
        for (int i = 0; i < HASHES; i++) {
            long v = MULTIPLIERS[i] * shingle + INCREMENTS[i];
            if (Long.compareUnsigned(v, sig[i]) < 0) {
                sig[i] = v;
            }
        }
    }

    /** The hash of the last {@code n} of the {@code words} words seen, in text order. */
    private static long shingleHash(long[] window, int words, int n) {
        long h = n;
        for (int w = words - n; w < words; w++) {
            h = h * 0x9e3779b97f4a7c15L + window[w % SHINGLE_WORDS];
        }
        return mix(h);
    }

    private static long wordHash(String text, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
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

    /** The 64-bit finalizer of MurmurHash3. */
    static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
