package org.gleaner.coordinator.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.Map;
import java.util.TreeMap;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.protocol.reward.StatementBundle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an operator sees about a node: credits, refusals and fraud signals by reason code, its statement. Only
 * the node itself may read them: each request is signed by the node's key ({@link NodeRequestAuth}).
 */
@RestController
public class NodeController {
    private static final String NODE_ID = "[0-9a-f]{64}";

    private final CoordinatorView coordinator;
    private final NodeRequestAuth auth;

    public NodeController(CoordinatorView coordinator) {
        this.coordinator = coordinator;
        this.auth = new NodeRequestAuth(coordinator.origin(), coordinator.requestFreshnessMillis(), java.time.Clock.systemUTC());
    }

    private static final String AUTH_DOC = "Gleaner-Node <base64url of a NodeApiRequest (node key, this path, time, nonce) "
            + "signed by the node's key>; 401 without it, 403 if it is not the node's, stale or replayed";

    public record ReasonCount(String description, long count) {
    }

    public record NodeStats(String nodeId, long creditedPages, long creditedBytes, Map<String, ReasonCount> refusals,
            Map<String, ReasonCount> fraudSignals) {
    }

    @Operation(summary = "A node's credits, refusals and fraud signals by reason code (signed by the node); 404 while it has neither a contribution nor a fraud signal")
    @GetMapping("/v1/nodes/{nodeId}")
    public NodeStats node(@PathVariable("nodeId") String nodeId,
            @Parameter(description = AUTH_DOC) @RequestHeader(value = "Authorization", required = false) String authorization) {
        requireNodeId(nodeId);
        auth.require(authorization, nodeId, "/v1/nodes/" + nodeId);
        Map<ReasonCode, Long> signals = coordinator.signals(nodeId);
        // A key refused before it ever contributed (G120) still sees the signal raised against it.
        NodeCredits credits = coordinator.credits(nodeId).or(() -> signals.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(new NodeCredits(nodeId, 0, 0, Map.of())))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "no contribution or fraud signal from this node yet"));
        return new NodeStats(nodeId, credits.pages(), credits.bytes(), byCode(credits.refusals()), byCode(signals));
    }

    @Operation(summary = "The node's signed statement of the last closed epoch (check it with gleaner rewards verify; request signed by the node)")
    @GetMapping(value = "/v1/nodes/{nodeId}/statement", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    public ResponseEntity<byte[]> statement(@PathVariable("nodeId") String nodeId,
            @Parameter(description = AUTH_DOC) @RequestHeader(value = "Authorization", required = false) String authorization) {
        requireNodeId(nodeId);
        auth.require(authorization, nodeId, "/v1/nodes/" + nodeId + "/statement");
        StatementBundle bundle = coordinator.statement(nodeId)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "no statement for this node in the last closed epoch"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(bundle.encode().toArray());
    }

    private static void requireNodeId(String nodeId) {
        if (!nodeId.matches(NODE_ID)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "a node id is 64 lowercase hex characters");
        }
    }

    private static Map<String, ReasonCount> byCode(Map<ReasonCode, Long> counts) {
        Map<String, ReasonCount> out = new TreeMap<>();
        counts.forEach((reason, n) -> out.put(reason.code(), new ReasonCount(reason.description(), n)));
        return out;
    }
}
