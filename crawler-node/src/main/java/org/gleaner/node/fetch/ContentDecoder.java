package org.gleaner.node.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * Undoes one {@code Content-Encoding} (gzip, deflate in its zlib or raw form, brotli) while reading at most
 * {@code maxBytes} decoded bytes: a small compressed body can never blow up into a large one in memory.
 */
final class ContentDecoder {
    private ContentDecoder() {
    }

    static byte[] decode(String contentEncoding, InputStream raw, int maxBytes) throws FetchException {
        String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        byte[] decoded;
        try (InputStream in = decoder(encoding, raw)) {
            decoded = in.readNBytes(maxBytes + 1);
        } catch (FetchException e) {
            throw e;
        } catch (CappedInputStream.OverCapException e) {
            throw new FetchException("too-large", e.getMessage(), e);
        } catch (java.io.InterruptedIOException e) {
            throw new FetchException("timeout", "deadline passed while reading the body", e);
        } catch (IOException e) {
            throw new FetchException(encoding.isEmpty() ? "read" : "decoding",
                    (encoding.isEmpty() ? "reading the body failed: " : "cannot decode " + encoding + ": ") + e.getMessage(), e);
        }
        if (decoded.length > maxBytes) {
            throw new FetchException("too-large", "body over " + maxBytes + " bytes"
                    + (encoding.isEmpty() ? "" : " after " + encoding + " decoding"));
        }
        return decoded;
    }

    private static InputStream decoder(String encoding, InputStream raw) throws IOException, FetchException {
        return switch (encoding) {
            case "", "identity" -> raw;
            case "gzip", "x-gzip" -> new GZIPInputStream(raw, 8192);
            case "deflate" -> deflate(raw);
            case "br" -> new BrotliInputStream(raw);
            default -> throw new FetchException("decoding", "unsupported content encoding: " + shorten(encoding));
        };
    }

    /** HTTP's "deflate" is zlib-wrapped by the standard, raw DEFLATE in practice from some servers. */
    private static InputStream deflate(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 8192);
        in.mark(2);
        int cmf = in.read();
        int flg = in.read();
        in.reset();
        boolean zlib = cmf >= 0 && flg >= 0 && (cmf & 0x0F) == 8 && ((cmf << 8) | flg) % 31 == 0;
        return new InflaterInputStream(in, new Inflater(!zlib), 8192);
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
