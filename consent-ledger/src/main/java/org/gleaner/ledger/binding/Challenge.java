package org.gleaner.ledger.binding;

import org.gleaner.ledger.identity.NormalizedIdentifier;
import org.gleaner.protocol.codec.Bytes;

/**
 * A pending ownership proof: who asked (the subject key the binding will name), for which identifier, the
 * secret the owner must show (a token placed on the domain, or the hash of a code mailed to the address),
 * when it expires, and how many wrong answers it has seen.
 */
final class Challenge {
    final String id;
    final Bytes subjectKey;
    final NormalizedIdentifier identifier;
    final Bytes secret;
    final long expiresAtMillis;
    int failures;

    Challenge(String id, Bytes subjectKey, NormalizedIdentifier identifier, Bytes secret, long expiresAtMillis) {
        this.id = id;
        this.subjectKey = subjectKey;
        this.identifier = identifier;
        this.secret = secret;
        this.expiresAtMillis = expiresAtMillis;
    }
}
