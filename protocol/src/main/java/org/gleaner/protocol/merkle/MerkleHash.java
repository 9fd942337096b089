package org.gleaner.protocol.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/** RFC 9162 §2.1.1 hashing with SHA-256: domain-separated leaf and interior node hashes. */
public final class MerkleHash {
    /** Length in bytes of every hash in the tree. */
    public static final int SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    });
    private static final byte[] EMPTY_ROOT = SHA256.get().digest(new byte[0]);

    private MerkleHash() {
    }

    /** SHA-256(0x00 || data). */
    public static byte[] leafHash(byte[] data) {
        Objects.requireNonNull(data, "data");
        MessageDigest digest = SHA256.get();
        digest.update(LEAF_PREFIX);
        digest.update(data);
        return digest.digest();
    }

    /** SHA-256(0x01 || left || right); both children must be {@value #SIZE}-byte hashes. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        requireHash(left, "left");
        requireHash(right, "right");
        MessageDigest digest = SHA256.get();
        digest.update(NODE_PREFIX);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** The root of the empty tree, SHA-256 of the empty string. */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    static boolean isHash(byte[] hash) {
        return hash != null && hash.length == SIZE;
    }

    private static void requireHash(byte[] hash, String name) {
        if (!isHash(hash)) {
            throw new IllegalArgumentException(name + " must be a " + SIZE + "-byte hash");
        }
    }
}
