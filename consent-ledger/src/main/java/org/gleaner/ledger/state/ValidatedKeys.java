package org.gleaner.ledger.state;

import java.util.concurrent.ConcurrentHashMap;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.crypto.InvalidKeyException;

/**
 * Keys that already passed the full RFC 8032 validation (which costs about as much as a signature check:
 * the prime-order subgroup test is a scalar multiplication), so frequent authors such as the identity
 * verifier or a coordinator pay for it once. Bounded: when full it is emptied and refills, which keeps it
 * simple and never lets it grow without limit. Only valid keys are cached.
 */
final class ValidatedKeys {
    private final int capacity;
    private final ConcurrentHashMap<Bytes, Ed25519PublicKey> keys = new ConcurrentHashMap<>();

    ValidatedKeys(int capacity) {
        this.capacity = capacity;
    }

    Ed25519PublicKey get(Bytes encoded) throws InvalidKeyException {
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
