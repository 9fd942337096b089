package org.gleaner.protocol.page;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;

/** Small, valid records for codec tests. */
final class Fixtures {
    static final String ORIGIN = "gleaner.test/network";

    private Fixtures() {
    }

    static Bytes nonce(int seed) {
        byte[] n = new byte[16];
        n[0] = (byte) seed;
        return Bytes.of(n);
    }

    static PageReceipt receipt(Ed25519KeyPair node, byte[] body) {
        return new PageReceipt(Bytes.of(node.publicKey().bytes()), "lease-1", "http://example.test/a",
                "http://example.test/a", 200, 1_700_000_000_000L, Bytes.sha256(body), body.length, nonce(1));
    }

    static FetchedPage page(Ed25519KeyPair node) {
        byte[] body = "<html><title>t</title>héllo</html>".getBytes(StandardCharsets.UTF_8);
        Signed<PageReceipt> receipt = Signed.sign(receipt(node, body), ORIGIN, node);
        return new FetchedPage(receipt, "text/html; charset=utf-8",
                List.of(new Header("content-type", "text/html; charset=utf-8"), new Header("x-robots-tag", "noai")),
                Bytes.of(body), new SiteSignals("", "noai", "train-ai=n", "1", "https://example.test/tdm.json"));
    }
}
