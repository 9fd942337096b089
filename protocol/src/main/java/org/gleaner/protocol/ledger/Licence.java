package org.gleaner.protocol.ledger;

import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalReader;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldLimitException;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Limits;
import org.gleaner.protocol.codec.MalformedRecordException;

/**
 * The licence of a grant: either an SPDX licence id ({@code termsUrl} empty, {@code termsSha256} empty),
 * or custom terms at {@code termsUrl} pinned by the SHA-256 of their text ({@code spdxId} empty).
 */
public record Licence(String spdxId, String termsUrl, Bytes termsSha256) {
    public static final int MAX_SPDX = 128;

    public Licence {
        Limits.text("spdxId", spdxId, MAX_SPDX);
        Limits.text("termsUrl", termsUrl, FieldSizes.URL);
        Limits.bytes("termsSha256", termsSha256, FieldSizes.HASH);
        boolean spdx = !spdxId.isEmpty() && termsUrl.isEmpty() && termsSha256.length() == 0;
        boolean custom = spdxId.isEmpty() && termsUrl.startsWith("https://") && termsSha256.length() == FieldSizes.HASH;
        if (!spdx && !custom) {
            throw new FieldLimitException("licence must be an SPDX id, or an https terms URL with the SHA-256 of the terms");
        }
        if (spdx && !spdxId.matches("[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*")) {
            throw new FieldLimitException("spdxId is not an SPDX licence expression");
        }
    }

    public static Licence spdx(String id) {
        return new Licence(id, "", Bytes.EMPTY);
    }

    public static Licence custom(String termsUrl, Bytes termsSha256) {
        return new Licence("", termsUrl, termsSha256);
    }

    void write(CanonicalWriter w) {
        w.string(spdxId).string(termsUrl).bytes(termsSha256);
    }

    static Licence read(CanonicalReader r) throws MalformedRecordException {
        return new Licence(r.string("licence.spdxId", MAX_SPDX), r.string("licence.termsUrl", FieldSizes.URL),
                r.bytes("licence.termsSha256", FieldSizes.HASH));
    }

    @Override
    public String toString() {
        return spdxId.isEmpty() ? termsUrl + "#sha256=" + termsSha256.hex() : spdxId;
    }
}
