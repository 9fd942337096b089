package org.gleaner.protocol.codec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** An immutable byte string with value equality, so records holding keys, hashes and bodies compare by content. */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] value;

    private Bytes(byte[] value) {
        this.value = value;
    }

    public static Bytes of(byte[] value) {
        return new Bytes(value.clone());
    }

    /** Wraps without copying; only for arrays the caller never touches again. */
    static Bytes wrap(byte[] value) {
        return new Bytes(value);
    }

    public static Bytes fromHex(String hex) {
        return new Bytes(HEX.parseHex(hex));
    }

    public static Bytes sha256(byte[] data) {
        return new Bytes(digest().digest(data));
    }

    public static Bytes sha256(Bytes data) {
        return sha256(data.value);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    public int length() {
        return value.length;
    }

    public byte[] toArray() {
        return value.clone();
    }

    byte[] unsafeArray() {
        return value;
    }

    public String hex() {
        return HEX.formatHex(value);
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes b && MessageDigest.isEqual(value, b.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return value.length <= 32 ? hex() : value.length + " bytes";
    }
}
