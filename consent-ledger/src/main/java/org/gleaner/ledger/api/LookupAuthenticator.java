package org.gleaner.ledger.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.gleaner.protocol.codec.Bytes;

/**
 * Checks the bearer token of an identifier lookup against the configured token hashes, in constant time per
 * candidate. Returns the principal (the token hash's first 16 hex digits) for rate limiting and audit; the
 * token itself is never kept or logged.
 */
final class LookupAuthenticator {
    private final List<byte[]> tokenHashes;

    LookupAuthenticator(List<String> tokenSha256Hex) {
        this.tokenHashes = tokenSha256Hex.stream().filter(h -> !h.isBlank()).map(h -> HexFormat.of().parseHex(h.toLowerCase(Locale.ROOT))).toList();
    }

    String authenticate(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() > 512) {
            throw new UnauthorizedException();
        }
        byte[] hash = Bytes.sha256(authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8)).toArray();
        boolean match = false;
        for (byte[] candidate : tokenHashes) {
            match |= MessageDigest.isEqual(candidate, hash);
        }
        if (!match) {
            throw new UnauthorizedException();
        }
        return HexFormat.of().formatHex(hash).substring(0, 16);
    }

    static final class UnauthorizedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnauthorizedException() {
            super("a valid bearer token is required");
        }
    }
}
