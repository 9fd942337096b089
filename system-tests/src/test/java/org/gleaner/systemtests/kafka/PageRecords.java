package org.gleaner.systemtests.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.protocol.page.PageReceipt;
import org.gleaner.protocol.page.SiteSignals;

/**
 * Test records for the {@code gleaner.pages} topic, as a node writes them: key the URL, value a
 * {@link FetchedPage} in the protocol's canonical encoding with a receipt signed by {@link #NODE}.
 */
final class PageRecords {

    static final String TOPIC = "gleaner.pages";
    static final String ORIGIN = "gleaner.system-tests";
    static final Ed25519KeyPair NODE = Ed25519KeyPair.fromSeed(new byte[32]);

    private PageRecords() {
    }

    /** The URL of page {@code i}: the record key (the normalized URL in the design). */
    static String url(int i) {
        return "https://site-" + (i % 17) + ".gleaner.test/docs/page-" + i + ".html";
    }

    /**
     * Page {@code i}: key = URL (UTF-8), value = the encoded page, headers = fetch metadata. Deterministic
     * in {@code i}. Bodies vary from 0 bytes to about 200 KiB; every 7th is arbitrary binary content.
     */
    static ProducerRecord<byte[], byte[]> page(int i) {
        byte[] key = url(i).getBytes(StandardCharsets.UTF_8);
        Random random = new Random(i);
        byte[] value;
        if (i % 7 == 3) {
            value = new byte[random.nextInt(4096) + 1];
            random.nextBytes(value);
        } else {
            int size = i == 0 ? 0 : (i % 50 == 1 ? 200 * 1024 : random.nextInt(16 * 1024));
            StringBuilder html = new StringBuilder("<!doctype html><html><head><title>page ")
                    .append(i).append("</title></head><body>");
            while (html.length() < size) {
                html.append("<p>Paragraph ").append(random.nextInt(1000)).append(" of page ").append(i)
                        .append(": gleaned text \u00e9\u00e8 \u4e2d\u6587.</p>\n");
            }
            value = i == 0 ? new byte[0] : html.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
        }
        value = encodedPage(i, value);
        List<Header> headers = new ArrayList<>();
        headers.add(new RecordHeader("content-type", (i % 7 == 3 ? "application/octet-stream" : "text/html")
                .getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader("fetched-at", ("2026-01-01T00:00:" + String.format("%02d", i % 60) + "Z")
                .getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader("node", ("node-" + (i % 5)).getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(TOPIC, null, key, value, headers);
    }

    private static byte[] encodedPage(int i, byte[] body) {
        byte[] nonce = new byte[16];
        nonce[0] = (byte) i;
        nonce[1] = (byte) (i >> 8);
        PageReceipt receipt = new PageReceipt(Bytes.of(NODE.publicKey().bytes()), "lease-" + (i % 11), url(i), url(i),
                200, 1_767_225_600_000L + i, Bytes.sha256(body), body.length, Bytes.of(nonce));
        String type = i % 7 == 3 ? "application/octet-stream" : "text/html; charset=utf-8";
        return new FetchedPage(Signed.sign(receipt, ORIGIN, NODE), type, List.of(), Bytes.of(body), SiteSignals.NONE)
                .encode().toArray();
    }

    /** The headers of a record as kcat's %h prints them: name=value pairs joined by commas. */
    static String kcatHeaders(ProducerRecord<byte[], byte[]> record) {
        StringBuilder sb = new StringBuilder();
        for (Header h : record.headers()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(h.key()).append('=').append(new String(h.value(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }
}
