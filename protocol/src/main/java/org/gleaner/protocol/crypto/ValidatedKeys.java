package org.gleaner.protocol.crypto;

import java.util.concurrent.ConcurrentHashMap;
import org.gleaner.protocol.codec.Bytes;

/**
 * Keys that already passed the full RFC 8032 validation (which costs about as much as a signature check:
 * the prime-order subgroup test is a scalar multiplication), so frequent signers (a node's receipts, a
 * coordinator's reward roots, the identity verifier's bindings) pay for it once. Bounded: when full it is emptied and refills, which keeps it
 * simple and never lets it grow without limit. Only valid keys are cached.
 */
public final class ValidatedKeys {
    /** One process-wide cache; keys are public values, so sharing them across uses is safe. */
    public static final ValidatedKeys SHARED = new ValidatedKeys(65_536);

    private final int capacity;
    private final ConcurrentHashMap<Bytes, Ed25519PublicKey> keys = new ConcurrentHashMap<>();

    public ValidatedKeys(int capacity) {
        this.capacity = capacity;
    }

    /** The validated key for these 32 bytes; throws as {@link Ed25519PublicKey#fromBytes} does. */
    public Ed25519PublicKey get(Bytes encoded) throws InvalidKeyException {
        Ed25519PublicKey key = keys.get(encoded);
        if (key != null) {
            return key;
        }
        key = Ed25519PublicKey.fromBytes(encoded.toArray());
        if (keys.size() >= capacity) {
            keys.clear();
        }
        keys.put(encoded, key);
        return key;
    }
}
