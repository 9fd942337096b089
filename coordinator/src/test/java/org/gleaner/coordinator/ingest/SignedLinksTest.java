package org.gleaner.coordinator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gleaner.coordinator.Fixtures;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.page.LinkBatch;
import org.junit.jupiter.api.Test;

class SignedLinksTest {
    private final Ed25519KeyPair node = Ed25519KeyPair.generate();
    private final Ed25519KeyPair stranger = Ed25519KeyPair.generate();
    private final LinkBatch batch = new LinkBatch(Fixtures.keyOf(node), "lease-1", "job-1", "http://a.example/", 1,
            List.of("http://a.example/next"));

    @Test
    void acceptsABatchSignedByTheNodeItNames() {
        byte[] value = Signed.sign(batch, Fixtures.ORIGIN, node).encode().toArray();
        assertThat(SignedLinks.check(value, Fixtures.ORIGIN)).isEqualTo(new SignedLinks.Accepted(batch));
    }

    @Test
    void refusesAnUnsignedBatchWithG111() {
        SignedLinks.Verdict verdict = SignedLinks.check(batch.encode().toArray(), Fixtures.ORIGIN);
        assertThat(verdict).isInstanceOfSatisfying(SignedLinks.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(ReasonCode.LINKS_UNSIGNED);
            assertThat(r.nodeId()).as("not filed under the node it names").isEqualTo(CreditEvent.UNVERIFIED);
        });
    }

    @Test
    void refusesForgedBatchesWithG112() {
        byte[] byStranger = Signed.sign(batch, Fixtures.ORIGIN, stranger).encode().toArray();
        byte[] otherNetwork = Signed.sign(batch, "another-network", node).encode().toArray();
        byte[] tampered = Signed.sign(batch, Fixtures.ORIGIN, node).encode().toArray();
        tampered[tampered.length - 70] ^= 1;
        LinkBatch invalidKey = new LinkBatch(Bytes.of(new byte[32]), "lease-1", "job-1", "http://a.example/", 1, List.of());
        byte[] zeroKey = Signed.sign(invalidKey, Fixtures.ORIGIN, node).encode().toArray();
        for (byte[] value : List.of(byStranger, otherNetwork, tampered, zeroKey)) {
            SignedLinks.Verdict verdict = SignedLinks.check(value, Fixtures.ORIGIN);
            assertThat(verdict).isInstanceOfSatisfying(SignedLinks.Refused.class, r -> {
                assertThat(r.reason()).isIn(ReasonCode.LINKS_FORGED, ReasonCode.MALFORMED_RECORD);
                assertThat(r.nodeId()).isEqualTo(CreditEvent.UNVERIFIED);
            });
        }
        assertThat(((SignedLinks.Refused) SignedLinks.check(byStranger, Fixtures.ORIGIN)).reason()).isEqualTo(ReasonCode.LINKS_FORGED);
        assertThat(((SignedLinks.Refused) SignedLinks.check(otherNetwork, Fixtures.ORIGIN)).reason()).isEqualTo(ReasonCode.LINKS_FORGED);
        assertThat(((SignedLinks.Refused) SignedLinks.check(zeroKey, Fixtures.ORIGIN)).reason()).isEqualTo(ReasonCode.LINKS_FORGED);
    }

    @Test
    void refusesGarbageAsMalformed() {
        assertThat(SignedLinks.check(new byte[] {1, 2, 3}, Fixtures.ORIGIN)).isInstanceOfSatisfying(SignedLinks.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(ReasonCode.MALFORMED_RECORD));
    }
}
