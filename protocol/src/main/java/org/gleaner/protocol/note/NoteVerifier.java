package org.gleaner.protocol.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.crypto.InvalidKeyException;

/**
 * A named Ed25519 note verifier key (C2SP signed-note signature type 0x01).
 *
 * <p>Text form, as in Go's golang.org/x/mod/sumdb/note: {@code <name>+<key ID as 8 hex digits>+<base64(0x01 || 32-byte public key)>}.
 * The key ID is the first four bytes, big-endian, of {@code SHA-256(name || 0x0A || 0x01 || public key)}.
 */
public final class NoteVerifier {
    /** Signature type byte of Ed25519 note signatures. */
    public static final byte ED25519 = 0x01;

    private final String name;
    private final int keyId;
    private final Ed25519PublicKey publicKey;

    private NoteVerifier(String name, Ed25519PublicKey publicKey) {
        this.name = name;
        this.publicKey = publicKey;
        this.keyId = keyId(name, publicKey);
    }

    public static NoteVerifier of(String name, Ed25519PublicKey publicKey) throws NoteKeyException {
        Objects.requireNonNull(publicKey, "publicKey");
        requireValidName(name);
        return new NoteVerifier(name, publicKey);
    }

    /** Parses a verifier key string; the key ID must match the name and key. */
    public static NoteVerifier parse(String verifierKey) throws NoteKeyException {
        Objects.requireNonNull(verifierKey, "verifierKey");
        String[] parts = verifierKey.split("\\+", 3);
        if (parts.length != 3) {
            throw new NoteKeyException(NoteKeyException.Reason.MALFORMED, "verifier key must be <name>+<id>+<key>");
        }
        return fromParts(parts[0], parts[1], parts[2], "verifier key");
    }

    static NoteVerifier fromParts(String name, String idHex, String keyBase64, String what) throws NoteKeyException {
        requireValidName(name);
        int id = parseKeyId(idHex, what);
        byte[] typed = decodeTypedKey(keyBase64, what);
        Ed25519PublicKey key;
        try {
            key = Ed25519PublicKey.fromBytes(Arrays.copyOfRange(typed, 1, typed.length));
        } catch (InvalidKeyException e) {
            throw new NoteKeyException(NoteKeyException.Reason.INVALID_KEY, what + ": " + e.getMessage(), e);
        }
        NoteVerifier verifier = new NoteVerifier(name, key);
        if (verifier.keyId != id) {
            throw new NoteKeyException(NoteKeyException.Reason.KEY_ID_MISMATCH,
                    what + ": key ID " + idHex + " does not match the name and key");
        }
        return verifier;
    }

    public String name() {
        return name;
    }

    /** The 32-bit key ID. */
    public int keyId() {
        return keyId;
    }

    /** The key ID as 8 lowercase hex digits. */
    public String keyIdHex() {
        return String.format("%08x", keyId);
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /** Whether {@code signature} (64 bytes, without the key ID) is a valid Ed25519 signature of {@code text}. */
    public boolean verify(byte[] text, byte[] signature) {
        return publicKey.verify(text, signature);
    }

    /** The verifier key string. */
    public String encode() {
        return name + "+" + keyIdHex() + "+" + Base64.getEncoder().encodeToString(typedKey(publicKey.bytes()));
    }

    static int keyId(String name, Ed25519PublicKey publicKey) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(typedKey(publicKey.bytes()));
            return ByteBuffer.wrap(sha256.digest()).getInt();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    static byte[] typedKey(byte[] key) {
        byte[] typed = new byte[1 + key.length];
        typed[0] = ED25519;
        System.arraycopy(key, 0, typed, 1, key.length);
        return typed;
    }

    static void requireValidName(String name) throws NoteKeyException {
        if (!KeyName.isValid(name)) {
            throw new NoteKeyException(NoteKeyException.Reason.INVALID_NAME,
                    "key name must be non-empty with no spaces or '+'");
        }
    }

    static int parseKeyId(String idHex, String what) throws NoteKeyException {
        if (idHex.length() != 8 || !idHex.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80)) {
            throw new NoteKeyException(NoteKeyException.Reason.MALFORMED, what + ": key ID must be 8 hex digits");
        }
        return Integer.parseUnsignedInt(idHex, 16);
    }

    /** Decodes {@code base64(0x01 || 32 bytes)}, checking the type byte and length. */
    static byte[] decodeTypedKey(String keyBase64, String what) throws NoteKeyException {
        byte[] typed;
        try {
            typed = Base64.getDecoder().decode(keyBase64);
        } catch (IllegalArgumentException e) {
            throw new NoteKeyException(NoteKeyException.Reason.MALFORMED, what + ": key is not valid base64");
        }
        if (typed.length == 0 || keyBase64.length() % 4 != 0) {
            throw new NoteKeyException(NoteKeyException.Reason.MALFORMED, what + ": key is not valid base64");
        }
        if (typed[0] != ED25519) {
            throw new NoteKeyException(NoteKeyException.Reason.UNKNOWN_ALGORITHM,
                    what + ": unknown key type " + (typed[0] & 0xff));
        }
        if (typed.length != 33) {
            throw new NoteKeyException(NoteKeyException.Reason.MALFORMED, what + ": Ed25519 key must be 32 bytes");
        }
        return typed;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NoteVerifier v && name.equals(v.name) && publicKey.equals(v.publicKey);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + publicKey.hashCode();
    }

    @Override
    public String toString() {
        return encode();
    }
}
