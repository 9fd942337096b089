package org.gleaner.builder.row;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The builder's URL key, for dedup and ids: lowercase scheme and host, default port dropped, empty path made
 * {@code /}, fragment dropped; path and query kept as they are (no re-encoding, no parameter sorting).
 * Deliberately conservative: two URLs equal here are the same resource for any server.
 */
public final class UrlNormalizer {
    private UrlNormalizer() {
    }

    /** The normalized absolute http(s) URL, or empty when {@code url} is not one. */
    public static Optional<NormalizedUrl> normalize(String url) {
        if (url == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            return Optional.empty();
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".") && host.length() > 1) {
            host = host.substring(0, host.length() - 1);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder sb = new StringBuilder(url.length()).append(scheme).append("://");
        if (uri.getRawUserInfo() != null) {
            sb.append(uri.getRawUserInfo()).append('@');
        }
        sb.append(host);
        if (!defaultPort) {
            sb.append(':').append(port);
        }
        sb.append(path);
        if (uri.getRawQuery() != null) {
            sb.append('?').append(uri.getRawQuery());
        }
        String hostColumn = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return Optional.of(new NormalizedUrl(sb.toString(), hostColumn));
    }

    /** A normalized URL and its lowercase host (IPv6 literals without brackets). */
    public record NormalizedUrl(String url, String host) {
    }
}
