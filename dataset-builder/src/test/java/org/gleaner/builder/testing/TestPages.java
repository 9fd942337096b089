package org.gleaner.builder.testing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.gleaner.builder.pii.PiiCounts;
import org.gleaner.builder.pii.PiiKind;
import org.gleaner.builder.quality.QualityMeter;
import org.gleaner.builder.row.DatasetRow;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.protocol.page.Header;
import org.gleaner.protocol.page.PageReceipt;
import org.gleaner.protocol.page.SiteSignals;

/** Signed pages and rows for tests. */
public final class TestPages {
    public static final String ORIGIN = "gleaner.test/devnet";
    public static final String HTML_UTF8 = "text/html; charset=utf-8";
    public static final long FETCHED_AT = 1_763_800_000_123L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Ed25519KeyPair node;

    public TestPages(Ed25519KeyPair node) {
        this.node = node;
    }

    public TestPages() {
        this(Ed25519KeyPair.generate());
    }

    public Ed25519KeyPair node() {
        return node;
    }

    public static String html(String title, String paragraph) {
        return "<!doctype html><html><head><title>" + title + "</title><style>p{}</style></head><body>"
                + "<nav>Home | About</nav><p>" + paragraph + "</p><script>var x = 1;</script></body></html>";
    }

    public FetchedPage htmlPage(String url, String title, String paragraph) {
        return page(url, 200, HTML_UTF8, html(title, paragraph).getBytes(StandardCharsets.UTF_8));
    }

    public FetchedPage page(String url, int status, String contentType, byte[] body) {
        return page(url, url, status, contentType, body, Bytes.sha256(body), ORIGIN);
    }

    /**
     * A page whose receipt signs {@code signedHash} as the body's SHA-256 (null: the body's real hash; pass
     * another hash to tamper) for the network {@code origin}.
     */
    public FetchedPage page(String url, String finalUrl, int status, String contentType, byte[] body, Bytes signedHash,
            String origin) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        PageReceipt receipt = new PageReceipt(Bytes.of(node.publicKey().bytes()), "lease-7", url, finalUrl, status,
                FETCHED_AT, signedHash == null ? Bytes.sha256(body) : signedHash, body.length, Bytes.of(nonce));
        Signed<PageReceipt> signed = Signed.sign(receipt, origin, node);
        return new FetchedPage(signed, contentType, List.of(new Header("content-type", contentType)), Bytes.of(body),
                SiteSignals.NONE);
    }

    /** Counts that differ per kind and column: found = kept + redacted. */
    public static PiiCounts piiCounts(int i) {
        int n = PiiKind.values().length;
        int[] kept = new int[n];
        int[] redacted = new int[n];
        int[] found = new int[n];
        for (int k = 0; k < n; k++) {
            kept[k] = (i + k) % 3;
            redacted[k] = (i * 2 + k) % 5;
            found[k] = kept[k] + redacted[k];
        }
        return PiiCounts.of(found, kept, redacted);
    }

    /** A fully populated row; odd {@code i} have nulls in every nullable column and no grant ids. */
    public static DatasetRow row(int i) {
        boolean odd = i % 2 == 1;
        return new DatasetRow(
                "%064x".formatted(i),
                "text of document " + i + "\nsecond line ü",
                "https://example.test/doc/" + i,
                "example.test",
                odd ? null : "Title " + i,
                odd ? null : "en",
                odd ? null : (i % 1000) / 1000.0,
                Instant.ofEpochMilli(FETCHED_AT + i),
                "%064x".formatted(1000 + i),
                6 + i,
                piiCounts(i),
                odd ? List.of() : List.of("grant-" + i, "grant-x"),
                odd ? null : "CC-BY-4.0",
                "%064x".formatted(2000 + i),
                "lease-" + i,
                "%0128x".formatted(3000 + i),
                "https://example.test/final/" + i,
                200 + (i % 7),
                10_000L + i,
                "%032x".formatted(4000 + i),
                odd ? List.of() : List.of("min:word_count"),
                QualityMeter.measure("text of document " + i + "\nsecond line ü"));
    }
}
