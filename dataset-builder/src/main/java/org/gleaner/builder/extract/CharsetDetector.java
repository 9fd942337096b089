package org.gleaner.builder.extract;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides how to decode an HTML document's bytes, in the order of the HTML standard's sniffing algorithm,
 * simplified: a byte-order mark wins; then the Content-Type header's charset; then a {@code <meta charset>}
 * or {@code http-equiv} declaration in the first 4 KiB; then UTF-8 if the bytes are valid UTF-8; else
 * windows-1252. Labels follow the WHATWG Encoding Standard where it differs from Java's names (latin1 and
 * ascii mean windows-1252, gb2312 means GBK), and a label the JVM does not know is ignored, not fatal.
 */
public final class CharsetDetector {
    static final int PRESCAN_BYTES = 4096;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]*?charset\\s*=\\s*[\"']?\\s*([a-zA-Z0-9_:.\\-]+)", Pattern.CASE_INSENSITIVE);
    private static final Map<String, String> WHATWG_LABELS = Map.of(
            "iso-8859-1", "windows-1252",
            "latin1", "windows-1252",
            "l1", "windows-1252",
            "us-ascii", "windows-1252",
            "ascii", "windows-1252",
            "gb2312", "GBK",
            "x-gbk", "GBK",
            "shift_jis", "windows-31j",
            "x-sjis", "windows-31j",
            "utf8", "UTF-8");

    /** Where the decision came from, for diagnostics and tests. */
    public enum Source { BYTE_ORDER_MARK, HEADER, META, UTF8_VALID, FALLBACK }

    /** The charset to decode with, how many leading bytes (a byte-order mark) to skip, and why. */
    public record Decision(Charset charset, int skipBytes, Source source) {}

    private CharsetDetector() {}

    public static Decision detect(byte[] body, String contentTypeHeader) {
        Optional<Decision> bom = byteOrderMark(body);
        if (bom.isPresent()) {
            return bom.get();
        }
        Optional<Charset> header = ContentType.parse(contentTypeHeader).charset().flatMap(CharsetDetector::lookup);
        if (header.isPresent()) {
            return new Decision(header.get(), 0, Source.HEADER);
        }
        Optional<Charset> meta = metaDeclaration(body);
        if (meta.isPresent()) {
            return new Decision(meta.get(), 0, Source.META);
        }
        if (isValidUtf8(body)) {
            return new Decision(StandardCharsets.UTF_8, 0, Source.UTF8_VALID);
        }
        return new Decision(WINDOWS_1252, 0, Source.FALLBACK);
    }

    /** Decodes with the detected charset; malformed sequences become U+FFFD, never an exception. */
    public static String decode(byte[] body, String contentTypeHeader) {
        Decision d = detect(body, contentTypeHeader);
        return new String(body, d.skipBytes(), body.length - d.skipBytes(), d.charset());
    }

    /** A charset for a label, WHATWG aliases first; empty for labels the JVM does not know. */
    public static Optional<Charset> lookup(String label) {
        String key = label.strip().toLowerCase(Locale.ROOT);
        String name = WHATWG_LABELS.getOrDefault(key, key);
        try {
            if (!Charset.isSupported(name)) {
                return Optional.empty();
            }
            Charset cs = Charset.forName(name);
            // A page cannot really be UTF-16 if its declaration was readable as ASCII (HTML standard: use UTF-8).
            if (cs.name().startsWith("UTF-16") || cs.name().startsWith("UTF-32")) {
                return Optional.of(StandardCharsets.UTF_8);
            }
            return Optional.of(cs);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Decision> byteOrderMark(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return Optional.of(new Decision(StandardCharsets.UTF_8, 3, Source.BYTE_ORDER_MARK));
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return Optional.of(new Decision(StandardCharsets.UTF_16BE, 2, Source.BYTE_ORDER_MARK));
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return Optional.of(new Decision(StandardCharsets.UTF_16LE, 2, Source.BYTE_ORDER_MARK));
        }
        return Optional.empty();
    }

    private static Optional<Charset> metaDeclaration(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        while (m.find()) {
            Optional<Charset> cs = lookup(m.group(1));
            if (cs.isPresent()) {
                return cs;
            }
        }
        return Optional.empty();
    }

    static boolean isValidUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
