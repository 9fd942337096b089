package org.gleaner.builder.row;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code id} column: lowercase hex SHA-256 over the UTF-8 bytes of {@code normalizedUrl + "\n" +
 * contentSha256Hex}. Content-addressed per URL: stable across builds while a page does not change, new when
 * it does, and unique within a build because a build keeps one row per normalized URL.
 */
public final class DocumentId {
    private DocumentId() {
    }

    public static String of(String normalizedUrl, String contentSha256Hex) {
        return sha256Hex(normalizedUrl + "\n" + contentSha256Hex);
    }

    static String sha256Hex(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
