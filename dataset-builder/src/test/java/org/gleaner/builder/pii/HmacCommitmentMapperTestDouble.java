package org.gleaner.builder.pii;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TEST DOUBLE for the ledger's commitment service: HMAC-SHA256 under a local key of
 * {@code "gleaner/pii-commitment/v1\0" + kind + "\0" + normalized}. The real service runs in the ledger and
 * holds its key; this stands in for it in tests only.
 */
public final class HmacCommitmentMapperTestDouble implements CommitmentMapper {
    private final byte[] key;
    private int requests;

    public HmacCommitmentMapperTestDouble(byte[] key) {
        this.key = key.clone();
    }

    @Override
    public String commitmentHex(PiiKind kind, String normalizedValue) {
        requests++;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] input = ("gleaner/pii-commitment/v1\u0000" + kind.code() + "\u0000" + normalizedValue)
                    .getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(mac.doFinal(input));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public int requests() {
        return requests;
    }
}
