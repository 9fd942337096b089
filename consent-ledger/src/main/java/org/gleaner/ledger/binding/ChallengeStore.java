package org.gleaner.ledger.binding;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pending challenges in memory, bounded in number and per identifier; expired ones are dropped as new ones
 * arrive. A challenge
 * is single-use and dies after {@code maxFailures} wrong answers. Challenges do not survive a restart: the
 * subject simply asks again.
 */
final class ChallengeStore {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Caps how many codes one address can be sent at a time, whoever asks. */
    static final int MAX_PER_IDENTIFIER = 3;

    private final Clock clock;
    private final int capacity;
    private final int maxFailures;
    private final Map<String, Challenge> pending = new LinkedHashMap<>();

    ChallengeStore(Clock clock, int capacity, int maxFailures) {
        this.clock = clock;
        this.capacity = capacity;
        this.maxFailures = maxFailures;
    }

    static String randomToken() {
        byte[] token = new byte[24];
        RANDOM.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    synchronized void add(Challenge challenge) throws BindingException {
        long now = clock.millis();
        for (Iterator<Challenge> it = pending.values().iterator(); it.hasNext(); ) {
            if (it.next().expiresAtMillis <= now) {
                it.remove();
            }
        }
        long sameIdentifier = pending.values().stream().filter(c -> c.identifier.equals(challenge.identifier)).count();
        if (sameIdentifier >= MAX_PER_IDENTIFIER) {
            throw new BindingException(BindingException.Reason.BUSY,
                    "this identifier already has " + MAX_PER_IDENTIFIER + " pending challenges; finish one or wait for them to expire");
        }
        if (pending.size() >= capacity) {
            throw new BindingException(BindingException.Reason.BUSY, "too many pending challenges; try again later");
        }
        pending.put(challenge.id, challenge);
    }

    /** The live challenge with this id; it stays pending until {@link #remove} or too many {@link #fail}s. */
    synchronized Challenge get(String id) throws BindingException {
        Challenge challenge = pending.get(id);
        if (challenge == null) {
            throw new BindingException(BindingException.Reason.UNKNOWN_CHALLENGE, "no pending challenge with this id");
        }
        if (challenge.expiresAtMillis <= clock.millis()) {
            pending.remove(id);
            throw new BindingException(BindingException.Reason.EXPIRED, "the challenge expired; ask for a new one");
        }
        return challenge;
    }

    synchronized void fail(Challenge challenge) throws BindingException {
        challenge.failures++;
        if (challenge.failures >= maxFailures) {
            pending.remove(challenge.id);
            throw new BindingException(BindingException.Reason.TOO_MANY_ATTEMPTS, "too many failed attempts; ask for a new challenge");
        }
    }

    synchronized void remove(Challenge challenge) {
        pending.remove(challenge.id);
    }
}
