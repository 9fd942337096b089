package org.gleaner.protocol.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.OptionalLong;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.crypto.InvalidKeyException;

/**
 * C2SP tlog-cosignature v1 with Ed25519 (https://c2sp.org/tlog-cosignature): a witness's timestamped
 * statement that the checkpoint is the largest consistent tree head it has seen for the log.
 *
 * <p>Key ID: {@code SHA-256(name || "\n" || 0x04 || public key)[:4]}. Signature line value:
 * {@code base64(key ID || u64 big-endian timestamp in seconds || Ed25519 signature)}. Signed message:
 * {@code "cosignature/v1\n" || "time " || decimal timestamp || "\n" || the checkpoint note body}.
 * Verifier key (vkey): {@code <name>+<key ID hex>+base64(0x04 || public key)}.
 */
public final class CosignatureV1 {
    public static final byte ALGORITHM = 0x04;
    private static final int VALUE_BYTES = 4 + 8 + Ed25519PublicKey.SIGNATURE_LENGTH;

    private final String name;
    private final Ed25519PublicKey publicKey;
    private final int keyId;

    private CosignatureV1(String name, Ed25519PublicKey publicKey) {
        this.name = name;
        this.publicKey = publicKey;
        this.keyId = keyId(name, publicKey);
    }

    /** The verifier for cosigner {@code name} with this key. */
    public static CosignatureV1 of(String name, Ed25519PublicKey publicKey) throws NoteKeyException {
        NoteVerifier.requireValidName(name);
        return new CosignatureV1(name, Objects.requireNonNull(publicKey, "publicKey"));
    }

    /** Parses a cosigner vkey ({@code name+id+base64(0x04 || key)}); the key ID must match. */
    public static CosignatureV1 parse(String vkey) throws NoteKeyException {
        String[] parts = vkey == null ? new String[0] : vkey.split("\\+", 3);
        if (parts.length != 3) {
            throw new NoteKeyException(NoteKeyException.Reason.MALFORMED, "cosigner key must be name+id+key");
        }
        NoteVerifier.requireValidName(parts[0]);
        int id = NoteVerifier.parseKeyId(parts[1], "cosigner key");
        byte[] typed;
        try {
            typed = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new NoteKeyException(NoteKeyException.Reason.MALFORMED, "cosigner key is not valid base64");
        }
        if (typed.length != 33 || typed[0] != ALGORITHM) {
            throw new NoteKeyException(NoteKeyException.Reason.UNKNOWN_ALGORITHM, "cosigner key must be 0x04 and 32 bytes");
        }
        Ed25519PublicKey key;
        try {
            key = Ed25519PublicKey.fromBytes(Arrays.copyOfRange(typed, 1, 33));
        } catch (InvalidKeyException e) {
            throw new NoteKeyException(NoteKeyException.Reason.MALFORMED, "cosigner key: " + e.getMessage(), e);
        }
        CosignatureV1 cosigner = new CosignatureV1(parts[0], key);
        if (cosigner.keyId != id) {
            throw new NoteKeyException(NoteKeyException.Reason.MALFORMED, "cosigner key ID does not match name and key");
        }
        return cosigner;
    }

    public String name() {
        return name;
    }

    public int keyId() {
        return keyId;
    }

    public String encode() {
        byte[] typed = new byte[33];
        typed[0] = ALGORITHM;
        System.arraycopy(publicKey.bytes(), 0, typed, 1, 32);
        return name + "+" + String.format("%08x", keyId) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** Whether a signature line claims to be from this cosigner (same name and key ID). */
    public boolean matches(NoteSignature signature) {
        return signature.name().equals(name) && signature.keyId() == keyId;
    }

    /**
     * Verifies {@code signature} over the note body {@code text}; returns its timestamp, or empty when it
     * is not this cosigner's or does not verify.
     */
    public OptionalLong verify(String text, NoteSignature signature) {
        if (!matches(signature)) {
            return OptionalLong.empty();
        }
        byte[] raw = Base64.getDecoder().decode(signature.base64());
        if (raw.length != VALUE_BYTES) {
            return OptionalLong.empty();
        }
        long timestamp = ByteBuffer.wrap(raw, 4, 8).getLong();
        if (timestamp < 0) {
            return OptionalLong.empty();
        }
        byte[] sig = Arrays.copyOfRange(raw, 12, VALUE_BYTES);
        return publicKey.verify(message(text, timestamp), sig) ? OptionalLong.of(timestamp) : OptionalLong.empty();
    }

    /** Signs the note body {@code text} at {@code timestampSeconds} with {@code key} (which must be this cosigner's). */
    public static NoteSignature sign(String name, Ed25519KeyPair key, String text, long timestampSeconds) throws NoteKeyException {
        if (timestampSeconds < 0) {
            throw new IllegalArgumentException("timestamp must not be negative");
        }
        CosignatureV1 cosigner = of(name, key.publicKey());
        byte[] sig = key.sign(message(text, timestampSeconds));
        byte[] value = ByteBuffer.allocate(VALUE_BYTES).putInt(cosigner.keyId).putLong(timestampSeconds).put(sig).array();
        return new NoteSignature(name, cosigner.keyId, Base64.getEncoder().encodeToString(value));
    }

    /** The note with {@code signature}'s line added after its existing signature lines. */
    public static byte[] append(byte[] note, NoteSignature signature) {
        byte[] line = signature.line().getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(note, note.length + line.length);
        System.arraycopy(line, 0, out, note.length, line.length);
        return out;
    }

    static byte[] message(String text, long timestampSeconds) {
        return ("cosignature/v1\ntime " + timestampSeconds + "\n" + text).getBytes(StandardCharsets.UTF_8);
    }

    static int keyId(String name, Ed25519PublicKey key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(ALGORITHM);
            sha256.update(key.bytes());
            return ByteBuffer.wrap(sha256.digest()).getInt();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "CosignatureV1[" + encode() + "]";
    }
}
