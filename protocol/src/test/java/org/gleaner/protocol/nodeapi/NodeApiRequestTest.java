package org.gleaner.protocol.nodeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.Test;

class NodeApiRequestTest {
    private final Ed25519KeyPair node = Ed25519KeyPair.generate();

    @Test
    void headerCarriesASignedPathBoundRequest() throws Exception {
        String header = NodeApiRequest.authorization(node, "net", "/v1/nodes/abc", 42);
        assertThat(header).startsWith("Gleaner-Node ");
        Signed<NodeApiRequest> signed = NodeApiRequest.fromAuthorization(header);
        assertThat(signed.record().path()).isEqualTo("/v1/nodes/abc");
        assertThat(signed.record().requestedAtMillis()).isEqualTo(42);
        assertThat(signed.verifies("net", node.publicKey())).isTrue();
        assertThat(signed.verifies("other-net", node.publicKey())).isFalse();
        assertThat(NodeApiRequest.fromAuthorization(NodeApiRequest.authorization(node, "net", "/v1/nodes/abc", 42)).record().nonce())
                .as("a fresh nonce each time").isNotEqualTo(signed.record().nonce());
    }

    @Test
    void malformedHeadersAreTypedErrors() {
        for (String bad : new String[] {null, "Bearer x", "Gleaner-Node ", "Gleaner-Node !!!", "Gleaner-Node AAAA",
                "Gleaner-Node " + "A".repeat(5000)}) {
            assertThatThrownBy(() -> NodeApiRequest.fromAuthorization(bad)).isInstanceOf(MalformedRecordException.class);
        }
    }
}
