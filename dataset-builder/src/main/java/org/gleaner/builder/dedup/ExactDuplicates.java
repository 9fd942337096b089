package org.gleaner.builder.dedup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Set;

/**
 * Exact dedup within a dataset version: the SHA-256 of each text's normalized form ({@link DedupText}); a
 * text whose hash was seen before is a duplicate. Keeps 128 bits per document (the hash's first half: a
 * collision needs about 2^64 documents).
 */
public final class ExactDuplicates {
    private final Set<HashKey> seen = new HashSet<>();

    /** The first 128 bits of the SHA-256 of a text's normalized form. */
    public record HashKey(long high, long low) {}

    /** True the first time a normalized text is seen, false for every later duplicate. */
    public boolean firstSeen(String text) {
        return firstSeen(keyOfNormalized(DedupText.normalize(text)));
    }

    /** As {@link #firstSeen(String)}, for a key computed beforehand (on another thread, by {@link DedupKeys}). */
    public boolean firstSeen(HashKey key) {
        return seen.add(key);
    }

    static HashKey keyOfNormalized(String normalized) {
        ByteBuffer b = ByteBuffer.wrap(sha256(normalized));
        return new HashKey(b.getLong(), b.getLong());
    }

    public int size() {
        return seen.size();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
