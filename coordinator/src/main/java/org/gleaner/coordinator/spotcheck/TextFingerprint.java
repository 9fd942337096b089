package org.gleaner.coordinator.spotcheck;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.gleaner.protocol.codec.Bytes;
import org.jsoup.Jsoup;

/**
 * A MinHash sketch of a page's visible text over word 3-shingles: {@link #SLOTS} minima of independently
 * seeded hashes, 32 bits each. The share of equal slots between two sketches estimates the Jaccard
 * similarity of their shingle sets, so two fetches of a dynamic page (a date, a counter changed) agree on
 * almost every slot and different pages on almost none. Only the first {@link #MAX_TEXT} characters count.
 */
public final class TextFingerprint {
    public static final int SLOTS = 32;
    public static final int BYTES = SLOTS * 4;
    public static final int MAX_TEXT = 256 * 1024;
    /** At least this share of equal slots counts as the same page (estimated Jaccard similarity). */
    public static final double NEAR_DUPLICATE_SIMILARITY = 0.8;

    private TextFingerprint() {
    }

    public static Bytes of(byte[] body, String contentType) {
        String raw = new String(body, StandardCharsets.UTF_8);
        String text = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html") ? Jsoup.parse(raw).text() : raw;
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT);
        }
        String[] words = text.toLowerCase(Locale.ROOT).split("\\W+");
        long[] minima = new long[SLOTS];
        java.util.Arrays.fill(minima, Long.MAX_VALUE);
        boolean any = false;
        for (int i = 0; i + 2 < words.length; i++) {
            add(minima, hash(words[i] + ' ' + words[i + 1] + ' ' + words[i + 2]));
            any = true;
        }
        if (!any) {
            add(minima, hash(String.join(" ", words)));
        }
        ByteBuffer out = ByteBuffer.allocate(BYTES);
        for (long m : minima) {
            out.putInt((int) (m >>> 32));
        }
        return Bytes.of(out.array());
    }

    /** The estimated Jaccard similarity of two sketches; 0 if either is not a sketch. */
    public static double similarity(Bytes a, Bytes b) {
        if (a.length() != BYTES || b.length() != BYTES) {
            return 0;
        }
        ByteBuffer x = ByteBuffer.wrap(a.toArray());
        ByteBuffer y = ByteBuffer.wrap(b.toArray());
        int equal = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (x.getInt() == y.getInt()) {
                equal++;
            }
        }
        return equal / (double) SLOTS;
    }

    public static boolean nearDuplicates(Bytes a, Bytes b) {
        return similarity(a, b) >= NEAR_DUPLICATE_SIMILARITY;
    }

    private static void add(long[] minima, long base) {
        for (int slot = 0; slot < SLOTS; slot++) {
            // Unsigned comparison: the minima are of uniformly distributed 64-bit values.
            long h = mix(base + 0x9e3779b97f4a7c15L * (slot + 1));
            if (Long.compareUnsigned(h, minima[slot]) < 0) {
                minima[slot] = h;
            }
        }
    }

    /** 64-bit FNV-1a, then the SplitMix64 finalizer. */
    private static long hash(String shingle) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < shingle.length(); i++) {
            h ^= shingle.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
