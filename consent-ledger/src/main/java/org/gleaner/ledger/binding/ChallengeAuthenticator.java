package org.gleaner.ledger.binding;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.crypto.InvalidKeyException;
import org.gleaner.protocol.crypto.ValidatedKeys;

/**
 * Checks that a challenge request was signed by the key it names (strict Ed25519, domain-separated by
 * {@link ChallengeRequest#RECORD_TYPE} and the ledger's origin), is fresh, and was not seen before. Seen
 * nonces are kept for twice the allowed skew (a request older than that is stale anyway), in a bounded
 * table: when it is full of live nonces, new requests are refused rather than remembered less.
 */
final class ChallengeAuthenticator {
    private final String origin;
    private final Clock clock;
    private final long maxSkewMillis;
    private final int capacity;
    private final Map<Bytes, Long> seenUntil = new LinkedHashMap<>();

    ChallengeAuthenticator(String origin, Clock clock, Duration maxSkew, int capacity) {
        this.origin = origin;
        this.clock = clock;
        this.maxSkewMillis = maxSkew.toMillis();
        this.capacity = capacity;
    }

    void check(Signed<ChallengeRequest> signed) throws BindingException {
        ChallengeRequest request = signed.record();
        Ed25519PublicKey key;
        try {
            key = ValidatedKeys.SHARED.get(request.subjectKey());
        } catch (InvalidKeyException e) {
            throw new BindingException(BindingException.Reason.BAD_SIGNATURE, "the subject key is not a valid Ed25519 key");
        }
        if (!signed.verifies(origin, key)) {
            throw new BindingException(BindingException.Reason.BAD_SIGNATURE,
                    "the request is not signed by the subject key for this ledger");
        }
        long now = clock.millis();
        if (Math.abs(now - request.timestampMillis()) > maxSkewMillis) {
            throw new BindingException(BindingException.Reason.STALE_REQUEST,
                    "the request's timestamp is more than " + maxSkewMillis / 1000 + " s from the ledger's clock");
        }
        remember(new CanonicalWriter(48).fixed(request.subjectKey()).fixed(request.nonce()).toBytes(), now);
    }

    private synchronized void remember(Bytes keyAndNonce, long now) throws BindingException {
        for (Iterator<Long> it = seenUntil.values().iterator(); it.hasNext(); ) {
            if (it.next() > now) {
                break;
            }
            it.remove();
        }
        if (seenUntil.containsKey(keyAndNonce)) {
            throw new BindingException(BindingException.Reason.REPLAYED_REQUEST, "this request was already used");
        }
        if (seenUntil.size() >= capacity) {
            throw new BindingException(BindingException.Reason.BUSY, "too many recent challenge requests; try again later");
        }
        seenUntil.put(keyAndNonce, now + 2 * maxSkewMillis);
    }
}
