package org.gleaner.coordinator.lease;

import java.util.Optional;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signable;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.InvalidKeyException;
import org.gleaner.protocol.crypto.ValidatedKeys;

/**
 * Checks that a node's signed request is signed by the key it names. Stateless, so callers run it outside their locks:
 * it is the costly part of a request.
 */
public final class NodeSignature {
    private NodeSignature() {
    }

    /** Why {@code signed} is refused ("invalid node key", "bad signature"), or empty when {@code nodeKey} signed it for {@code origin}. */
    public static Optional<String> problem(Signed<? extends Signable> signed, Bytes nodeKey, String origin) {
        try {
            return signed.verifies(origin, ValidatedKeys.SHARED.get(nodeKey)) ? Optional.empty() : Optional.of("bad signature");
        } catch (InvalidKeyException e) {
            return Optional.of("invalid node key");
        }
    }
}
