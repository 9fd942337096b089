package org.gleaner.protocol.note;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.gleaner.protocol.crypto.Ed25519KeyPair;

/**
 * A named Ed25519 note signer. Text form, as in Go's golang.org/x/mod/sumdb/note:
 * {@code PRIVATE+KEY+<name>+<key ID as 8 hex digits>+<base64(0x01 || 32-byte seed)>}. That string is a
 * secret; {@link #toString()} shows only the public verifier key.
 */
public final class NoteSigner {
    private static final String PRIVATE_PREFIX = "PRIVATE+KEY+";

    private final Ed25519KeyPair keyPair;
    private final NoteVerifier verifier;

    private NoteSigner(Ed25519KeyPair keyPair, NoteVerifier verifier) {
        this.keyPair = keyPair;
        this.verifier = verifier;
    }

    public static NoteSigner of(String name, Ed25519KeyPair keyPair) throws NoteKeyException {
        Objects.requireNonNull(keyPair, "keyPair");
        return new NoteSigner(keyPair, NoteVerifier.of(name, keyPair.publicKey()));
    }

    /** A signer with a fresh random key. */
    public static NoteSigner generate(String name) throws NoteKeyException {
        return of(name, Ed25519KeyPair.generate());
    }

    /** Parses a signer key string; the key ID must match the name and the derived public key. */
    public static NoteSigner parse(String signerKey) throws NoteKeyException {
        Objects.requireNonNull(signerKey, "signerKey");
        if (!signerKey.startsWith(PRIVATE_PREFIX)) {
            throw new NoteKeyException(NoteKeyException.Reason.MALFORMED, "signer key must start with PRIVATE+KEY+");
        }
        String[] parts = signerKey.substring(PRIVATE_PREFIX.length()).split("\\+", 3);
        if (parts.length != 3) {
            throw new NoteKeyException(NoteKeyException.Reason.MALFORMED,
                    "signer key must be PRIVATE+KEY+<name>+<id>+<key>");
        }
        NoteVerifier.requireValidName(parts[0]);
        int id = NoteVerifier.parseKeyId(parts[1], "signer key");
        byte[] typed = NoteVerifier.decodeTypedKey(parts[2], "signer key");
        byte[] seed = Arrays.copyOfRange(typed, 1, typed.length);
        Arrays.fill(typed, (byte) 0);
        Ed25519KeyPair keyPair = Ed25519KeyPair.fromSeed(seed);
        Arrays.fill(seed, (byte) 0);
        NoteSigner signer = of(parts[0], keyPair);
        if (signer.keyId() != id) {
            throw new NoteKeyException(NoteKeyException.Reason.KEY_ID_MISMATCH,
                    "signer key: key ID " + parts[1] + " does not match the name and key");
        }
        return signer;
    }

    public String name() {
        return verifier.name();
    }

    public int keyId() {
        return verifier.keyId();
    }

    /** The matching verifier, to hand to anyone who checks this signer's notes. */
    public NoteVerifier verifier() {
        return verifier;
    }

    /** The 64-byte Ed25519 signature of the note text (without the key ID prefix). */
    public byte[] sign(byte[] text) {
        return keyPair.sign(text);
    }

    /** The secret signer key string. */
    public String encodePrivateKey() {
        byte[] seed = keyPair.exportSeed();
        byte[] typed = NoteVerifier.typedKey(seed);
        try {
            return PRIVATE_PREFIX + name() + "+" + verifier.keyIdHex() + "+" + Base64.getEncoder().encodeToString(typed);
        } finally {
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(typed, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "NoteSigner[" + verifier.encode() + "]";
    }
}
