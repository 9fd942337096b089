package org.gleaner.protocol.nodeapi;

import java.security.SecureRandom;
import java.util.Base64;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalReader;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.Limits;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.RecordDecoding;
import org.gleaner.protocol.codec.Signable;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;

/**
 * A node's signed read of its own data on the coordinator's API (credits, penalties, statements): bound to the
 * request path, dated and with a nonce so that it cannot be replayed or used for another path. Sent as
 * {@code Authorization: Gleaner-Node <base64url of the signed record>}.
 */
public record NodeApiRequest(Bytes nodeKey, String path, long requestedAtMillis, Bytes nonce) implements Signable {
    public static final String TYPE = "gleaner/node-api-request/v1";
    public static final int VERSION = 1;
    public static final int MAX_PATH = 256;
    public static final int MAX_ENCODED = 64 + FieldSizes.KEY + MAX_PATH + FieldSizes.NONCE;
    public static final String SCHEME = "Gleaner-Node ";
    private static final SecureRandom RANDOM = new SecureRandom();

    public NodeApiRequest {
        Limits.exactBytes("nodeKey", nodeKey, FieldSizes.KEY);
        Limits.nonEmptyText("path", path, MAX_PATH);
        if (!path.startsWith("/")) {
            throw new org.gleaner.protocol.codec.FieldLimitException("path must start with /");
        }
        Limits.nonNegative("requestedAtMillis", requestedAtMillis);
        Limits.exactBytes("nonce", nonce, FieldSizes.NONCE);
    }

    /** The header value a node sends to read {@code path} now. */
    public static String authorization(Ed25519KeyPair node, String origin, String path, long nowMillis) {
        byte[] nonce = new byte[FieldSizes.NONCE];
        RANDOM.nextBytes(nonce);
        NodeApiRequest request = new NodeApiRequest(Bytes.of(node.publicKey().bytes()), path, nowMillis, Bytes.of(nonce));
        return SCHEME + Base64.getUrlEncoder().withoutPadding().encodeToString(Signed.sign(request, origin, node).encode().toArray());
    }

    /** The signed request in an {@code Authorization} header (not yet verified). */
    public static Signed<NodeApiRequest> fromAuthorization(String header) throws MalformedRecordException {
        if (header == null || !header.startsWith(SCHEME)) {
            throw new MalformedRecordException("nodeApiRequest: no '" + SCHEME.trim() + "' authorization");
        }
        String value = header.substring(SCHEME.length()).trim();
        if (value.length() > 2 * (MAX_ENCODED + Signed.SIGNATURE_BYTES + 16)) {
            throw new MalformedRecordException("nodeApiRequest: authorization too long");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException("nodeApiRequest: authorization is not base64url");
        }
        return Signed.decode(bytes, MAX_ENCODED, "nodeApiRequest", NodeApiRequest::read);
    }

    @Override
    public String recordType() {
        return TYPE;
    }

    @Override
    public Bytes encode() {
        return new CanonicalWriter(128 + path.length()).u8(VERSION).fixed(nodeKey).string(path).i64(requestedAtMillis)
                .fixed(nonce).toBytes();
    }

    public static NodeApiRequest read(CanonicalReader r) throws MalformedRecordException {
        RecordDecoding.expectVersion(r, "nodeApiRequest", VERSION);
        return new NodeApiRequest(r.fixed("nodeKey", FieldSizes.KEY), r.string("path", MAX_PATH),
                r.nonNegativeI64("requestedAtMillis"), r.fixed("nonce", FieldSizes.NONCE));
    }
}
