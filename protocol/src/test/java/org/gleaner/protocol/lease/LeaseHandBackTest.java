package org.gleaner.protocol.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.FieldLimitException;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.Test;

class LeaseHandBackTest {
    private final Ed25519KeyPair node = Ed25519KeyPair.generate();
    private final Bytes nodeKey = Bytes.of(node.publicKey().bytes());
    private final Bytes nonce = Bytes.of(new byte[16]);

    @Test
    void roundTripsAndVerifiesOnlyForItsOriginAndSigner() throws Exception {
        LeaseHandBack handBack = new LeaseHandBack(nodeKey, "lease-1", List.of(0, 3, 7), 1234, nonce);
        assertThat(LeaseHandBack.decode(handBack.encode().toArray())).isEqualTo(handBack);

        Signed<LeaseHandBack> signed = Signed.sign(handBack, "net-a", node);
        Signed<LeaseHandBack> decoded = Signed.decode(signed.encode().toArray(), LeaseHandBack.MAX_ENCODED, "handBack",
                LeaseHandBack::read);
        assertThat(decoded.verifies("net-a", node.publicKey())).isTrue();
        assertThat(decoded.verifies("net-b", node.publicKey())).as("other origin").isFalse();
        assertThat(decoded.verifies("net-a", Ed25519KeyPair.generate().publicKey())).as("other signer").isFalse();
    }

    @Test
    void positionsMustBeStrictlyIncreasingAndInRange() {
        assertThatThrownBy(() -> new LeaseHandBack(nodeKey, "l", List.of(2, 2), 1, nonce)).isInstanceOf(FieldLimitException.class);
        assertThatThrownBy(() -> new LeaseHandBack(nodeKey, "l", List.of(3, 1), 1, nonce)).isInstanceOf(FieldLimitException.class);
        assertThatThrownBy(() -> new LeaseHandBack(nodeKey, "l", List.of(-1), 1, nonce)).isInstanceOf(FieldLimitException.class);
        assertThatThrownBy(() -> new LeaseHandBack(nodeKey, "l", List.of(1000), 1, nonce)).isInstanceOf(FieldLimitException.class);
    }

    @Test
    void aDecodedRecordWithUnorderedPositionsIsATypedError() {
        byte[] encoded = new LeaseHandBack(nodeKey, "lease-1", List.of(1, 2), 5, nonce).encode().toArray();
        // The two u16 positions sit right before the timestamp and nonce (8 + 16 bytes): swap them.
        int second = encoded.length - 24 - 2;
        int first = second - 2;
        byte a = encoded[first + 1];
        encoded[first + 1] = encoded[second + 1];
        encoded[second + 1] = a;
        assertThatThrownBy(() -> LeaseHandBack.decode(encoded)).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("strictly increasing");
    }

    @Test
    void positionsInNamesOnlyUrlsOfTheLease() {
        CrawlLease lease = new CrawlLease("lease-1", "job", nodeKey, "h.test",
                List.of(new LeasedUrl("http://h.test/a", 0), new LeasedUrl("http://h.test/b", 0), new LeasedUrl("http://h.test/c", 1)),
                1, 2, 0, nonce);
        assertThat(LeaseHandBack.positionsIn(lease, Set.of("http://h.test/c", "http://h.test/a", "http://other.test/x")))
                .containsExactly(0, 2);
    }
}
