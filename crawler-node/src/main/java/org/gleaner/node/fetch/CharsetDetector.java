package org.gleaner.node.fetch;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The charset of a body, in the order browsers use: a byte-order mark wins, then the {@code Content-Type}
 * header, then a {@code <meta>} declaration in the first 1024 bytes, else UTF-8. Unknown names are ignored.
 */
public final class CharsetDetector {
    private static final int META_SCAN = 1024;
    private static final Pattern HEADER_CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9._:+-]{1,40})");
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]{0,200}?charset\\s*=\\s*[\"']?([A-Za-z0-9._:+-]{1,40})", Pattern.CASE_INSENSITIVE);

    private CharsetDetector() {
    }

    public static Charset detect(String contentType, byte[] body) {
        return bom(body)
                .or(() -> named(contentType == null ? "" : contentType, HEADER_CHARSET, false))
                .or(() -> named(new String(body, 0, Math.min(body.length, META_SCAN), StandardCharsets.ISO_8859_1), META_CHARSET, true))
                .orElse(StandardCharsets.UTF_8);
    }

    private static Optional<Charset> bom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return Optional.of(StandardCharsets.UTF_8);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return Optional.of(StandardCharsets.UTF_16LE);
        }
        return Optional.empty();
    }

    private static Optional<Charset> named(String text, Pattern pattern, boolean inMeta) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        try {
            // As browsers do: a page that claims a UTF-16 charset in ASCII-compatible bytes is really UTF-8.
            Charset charset = Charset.forName(name);
            return Optional.of(inMeta && charset.name().startsWith("UTF-16") ? StandardCharsets.UTF_8 : charset);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }
}
