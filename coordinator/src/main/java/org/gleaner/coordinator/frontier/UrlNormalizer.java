package org.gleaner.coordinator.frontier;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Puts a URL in the one form used for dedup and as the Kafka key: lowercase scheme and host (IDNA to
 * ASCII), default port dropped, dot segments removed, fragment dropped, empty path as "/". Only http and
 * https are accepted. Percent-encodings are normalized (RFC 3986 6.2.2): escapes of unreserved characters
 * decoded, other escapes in uppercase hex, non-ASCII characters encoded as UTF-8.
 */
public final class UrlNormalizer {
    private static final int MAX_URL = 4096;

    private UrlNormalizer() {
    }

    public static Optional<String> normalize(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > MAX_URL) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getRawAuthority() == null) {
                return Optional.empty();
            }
            String rawHost = uri.getHost();
            int port = uri.getPort();
            if (rawHost == null) {
                // java.net.URI only parses ASCII host names; an internationalized one leaves a registry authority.
                String hostPort = uri.getRawAuthority().substring(uri.getRawAuthority().lastIndexOf('@') + 1);
                int colon = hostPort.lastIndexOf(':');
                rawHost = colon < 0 ? hostPort : hostPort.substring(0, colon);
                String portText = colon < 0 ? "" : hostPort.substring(colon + 1);
                port = portText.isEmpty() ? -1 : Integer.parseInt(portText);
            }
            if (rawHost.isEmpty()) {
                return Optional.empty();
            }
            String host = IDN.toASCII(rawHost, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            if (port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https")) {
                port = -1;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/"
                    : removeDotSegments(PercentEncoding.normalize(uri.getRawPath()));
            StringBuilder out = new StringBuilder(scheme).append("://").append(host);
            if (port != -1) {
                out.append(':').append(port);
            }
            out.append(path);
            if (uri.getRawQuery() != null) {
                out.append('?').append(PercentEncoding.normalize(uri.getRawQuery()));
            }
            String normalized = out.toString();
            if (normalized.length() > MAX_URL || new URI(normalized).getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(normalized);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** RFC 3986 section 5.2.4 on an absolute path; unlike {@link URI#normalize()} it keeps empty segments. */
    static String removeDotSegments(String path) {
        StringBuilder out = new StringBuilder();
        String in = path;
        while (!in.isEmpty()) {
            if (in.startsWith("../")) {
                in = in.substring(3);
            } else if (in.startsWith("./")) {
                in = in.substring(2);
            } else if (in.startsWith("/./")) {
                in = in.substring(2);
            } else if (in.equals("/.")) {
                in = "/";
            } else if (in.startsWith("/../")) {
                in = in.substring(3);
                out.setLength(Math.max(out.lastIndexOf("/"), 0));
            } else if (in.equals("/..")) {
                in = "/";
                out.setLength(Math.max(out.lastIndexOf("/"), 0));
            } else if (in.equals(".") || in.equals("..")) {
                in = "";
            } else {
                int next = in.indexOf('/', in.startsWith("/") ? 1 : 0);
                String segment = next < 0 ? in : in.substring(0, next);
                out.append(segment);
                in = in.substring(segment.length());
            }
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    /** The host[:port] a URL belongs to for politeness and leasing. */
    public static String hostKey(String normalizedUrl) {
        URI uri = URI.create(normalizedUrl);
        return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }
}
