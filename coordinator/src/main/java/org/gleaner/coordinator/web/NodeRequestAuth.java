package org.gleaner.coordinator.web;

import java.time.Clock;
import org.gleaner.coordinator.lease.ReplayGuard;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.crypto.InvalidKeyException;
import org.gleaner.protocol.crypto.ValidatedKeys;
import org.gleaner.protocol.nodeapi.NodeApiRequest;
import org.springframework.http.HttpStatus;

/**
 * Lets a node, and only that node, read its own credits, penalties and statements: the request carries a
 * {@link NodeApiRequest} signed by the node's key for this network, for exactly this path, fresh and not replayed.
 */
final class NodeRequestAuth {
    private final String origin;
    private final Clock clock;
    private final ReplayGuard replays;

    NodeRequestAuth(String origin, long freshnessMillis, Clock clock) {
        this.origin = origin;
        this.clock = clock;
        this.replays = new ReplayGuard(freshnessMillis);
    }

    void require(String authorization, String nodeId, String path) {
        Signed<NodeApiRequest> signed;
        try {
            signed = NodeApiRequest.fromAuthorization(authorization);
        } catch (MalformedRecordException e) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "sign the request as the node: Authorization: Gleaner-Node <signed request>");
        }
        NodeApiRequest request = signed.record();
        if (!request.nodeKey().hex().equals(nodeId) || !request.path().equals(path)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "the signed request is for another node or path");
        }
        Ed25519PublicKey key;
        try {
            key = ValidatedKeys.SHARED.get(request.nodeKey());
        } catch (InvalidKeyException e) {
            throw new ApiException(HttpStatus.FORBIDDEN, "invalid node key");
        }
        if (!signed.verifies(origin, key)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "the signature does not verify");
        }
        ReplayGuard.Verdict verdict;
        synchronized (replays) {
            verdict = replays.check(request.nodeKey(), request.nonce(), request.requestedAtMillis(), clock.millis());
        }
        if (verdict != ReplayGuard.Verdict.FRESH) {
            throw new ApiException(HttpStatus.FORBIDDEN, "the signed request is " + verdict.name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
