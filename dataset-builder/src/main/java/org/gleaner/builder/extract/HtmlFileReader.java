package org.gleaner.builder.extract;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads an HTML file's raw bytes, gunzipping {@code .gz} files, with a cap on the decompressed size (so a
 * gzip bomb costs at most the cap). Errors are typed: truncated or corrupt gzip, too large, unreadable.
 */
public final class HtmlFileReader {
    private final int maxBytes;

    public HtmlFileReader(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
    }

    /** A file that could not be read as a page; {@link #reason()} names the kind of failure. */
    public static final class UnreadableFile extends Exception {
        private static final long serialVersionUID = 1L;
        private final String reason;

        UnreadableFile(String reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }

        /** One of {@code truncated-gzip}, {@code corrupt-gzip}, {@code too-large}, {@code io-error}. */
        public String reason() {
            return reason;
        }
    }

    public static boolean isHtmlFile(Path p) {
        String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".html") || name.endsWith(".htm") || name.endsWith(".html.gz")
                || name.endsWith(".htm.gz") || name.endsWith(".xhtml");
    }

    public byte[] read(Path file) throws UnreadableFile {
        boolean gzip = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = gzip ? new GZIPInputStream(raw, 64 * 1024) : raw) {
            byte[] bytes = in.readNBytes(maxBytes);
            if (in.read() != -1) {
                throw new UnreadableFile("too-large", "larger than " + maxBytes + " bytes", null);
            }
            return bytes;
        } catch (EOFException e) {
            throw new UnreadableFile("truncated-gzip", "truncated gzip stream", e);
        } catch (ZipException e) {
            throw new UnreadableFile("corrupt-gzip", "corrupt gzip stream: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UnreadableFile("io-error", e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
