package org.gleaner.protocol.page;

import java.util.List;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalReader;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldLimitException;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Limits;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;
import org.gleaner.protocol.codec.Signed;

/**
 * The value of a {@code gleaner.pages} record: the node's signed receipt, the response's content type and
 * kept headers, the body exactly as received (after content decoding), and the site's AI-use signals.
 */
public record FetchedPage(
        Signed<PageReceipt> receipt,
        String contentType,
        List<Header> headers,
        Bytes body,
        SiteSignals signals) {

    public static final int VERSION = 1;
    public static final int MAX_ENCODED = FieldSizes.MAX_BODY + 1024 * 1024;

    public FetchedPage {
        if (receipt == null || signals == null) {
            throw new FieldLimitException("receipt and signals are required");
        }
        Limits.text("contentType", contentType, FieldSizes.CONTENT_TYPE);
        headers = List.copyOf(Limits.count("headers", headers, FieldSizes.MAX_HEADERS));
        Limits.bytes("body", body, FieldSizes.MAX_BODY);
        if (body.length() != receipt.record().bodyBytes()) {
            throw new FieldLimitException("body is " + body.length() + " bytes but the receipt says " + receipt.record().bodyBytes());
        }
    }

    /** True when the body's SHA-256 is the one the receipt signs. */
    public boolean bodyMatchesReceipt() {
        return Bytes.sha256(body).equals(receipt.record().bodySha256());
    }

    public Bytes encode() {
        CanonicalWriter w = new CanonicalWriter(body.length() + 2048).u8(VERSION);
        w.bytes(receipt.encode());
        w.string(contentType);
        w.list(headers, Header::write);
        w.bytes(body);
        signals.write(w);
        return w.toBytes();
    }

    public static FetchedPage decode(byte[] data) throws MalformedRecordException {
        return RecordDecoding.decode(data, MAX_ENCODED, "page", FetchedPage::read);
    }

    private static FetchedPage read(CanonicalReader r) throws MalformedRecordException {
        RecordDecoding.expectVersion(r, "page", VERSION);
        Bytes receiptBytes = r.bytes("receipt", PageReceipt.MAX_ENCODED + 128);
        Signed<PageReceipt> receipt = Signed.decode(receiptBytes.toArray(), PageReceipt.MAX_ENCODED, "receipt", PageReceipt::read);
        String contentType = r.string("contentType", FieldSizes.CONTENT_TYPE);
        List<Header> headers = r.list("headers", FieldSizes.MAX_HEADERS, Header::read);
        Bytes body = r.bytes("body", FieldSizes.MAX_BODY);
        SiteSignals signals = SiteSignals.read(r);
        return new FetchedPage(receipt, contentType, headers, body, signals);
    }
}
