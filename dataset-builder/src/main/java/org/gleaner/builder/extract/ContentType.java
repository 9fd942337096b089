package org.gleaner.builder.extract;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Optional;

/** The parts of a Content-Type header value the builder uses: the media type and the charset parameter. */
public record ContentType(String mediaType, Optional<String> charset) {

    /** Parses a header value leniently; a missing or garbled value gives an empty media type. */
    public static ContentType parse(String headerValue) {
        if (headerValue == null) {
            return new ContentType("", Optional.empty());
        }
        String[] parts = headerValue.split(";");
        String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
        Optional<String> charset = Optional.empty();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                String value = p.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1).strip();
                }
                if (!value.isEmpty()) {
                    charset = Optional.of(value);
                }
                break;
            }
        }
        return new ContentType(mediaType, charset);
    }

    /** True for {@code text/html} and {@code application/xhtml+xml}. */
    public boolean isHtml() {
        return mediaType.equals("text/html") || mediaType.equals("application/xhtml+xml");
    }

    /** The charset parameter when the JVM knows it; otherwise empty, and the parser detects one. */
    public Optional<String> supportedCharset() {
        return charset.filter(ContentType::isSupported).map(name -> Charset.forName(name).name());
    }

    private static boolean isSupported(String name) {
        try {
            return Charset.isSupported(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
