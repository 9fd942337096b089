package org.gleaner.coordinator.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The bearer token a lab presents to submit jobs. Compared in constant time; never logged. At least 32
 * characters so it cannot be guessed.
 */
public final class ApiToken {
    private final byte[] token;

    public ApiToken(String token) {
        if (token == null || token.length() < 32 || token.length() > 256) {
            throw new IllegalArgumentException("the API token must be 32-256 characters");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public boolean matches(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(token, authorizationHeader.substring(7).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ApiToken[redacted]";
    }
}
