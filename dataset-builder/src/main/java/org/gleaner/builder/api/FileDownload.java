package org.gleaner.builder.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Sends one published file, whole or one byte range: {@code ETag} is the manifest's SHA-256 (a strong
 * validator: published files never change), {@code If-None-Match} gives 304, {@code If-Range} with another tag
 * sends the whole file, an unsatisfiable range 416 with {@code Content-Range: bytes *}{@code /LENGTH}.
 */
final class FileDownload {
    private FileDownload() {
    }

    static void send(HttpServletRequest request, HttpServletResponse response, Path file, long length, String sha256,
            String contentType) throws IOException {
        String etag = "\"" + sha256 + "\"";
        response.setHeader("ETag", etag);
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("Cache-Control", "private, no-transform");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (matches(request.getHeader("If-None-Match"), etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        String ifRange = request.getHeader("If-Range");
        Optional<RangeRequest> range;
        try {
            range = ifRange != null && !ifRange.strip().equals(etag) ? Optional.empty()
                    : RangeRequest.parse(request.getHeader("Range"), length);
        } catch (RangeRequest.Unsatisfiable e) {
            response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
            response.setHeader("Content-Range", "bytes */" + length);
            response.setContentLength(0);
            return;
        }
        long first = range.map(RangeRequest::first).orElse(0L);
        long count = range.map(RangeRequest::length).orElse(length);
        response.setContentType(contentType);
        response.setHeader("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"");
        response.setContentLengthLong(count);
        if (range.isPresent()) {
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader("Content-Range", "bytes " + first + "-" + range.get().last() + "/" + length);
        } else {
            response.setStatus(HttpServletResponse.SC_OK);
        }
        if ("HEAD".equals(request.getMethod())) {
            return;
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ); OutputStream out = response.getOutputStream()) {
            WritableByteChannel channel = Channels.newChannel(out);
            long position = first;
            long remaining = count;
            while (remaining > 0) {
                long sent = in.transferTo(position, remaining, channel);
                if (sent <= 0) {
                    throw new IOException("the file ended before its manifest length");
                }
                position += sent;
                remaining -= sent;
            }
        }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    static String contentType(String path) {
        if (path.endsWith(".parquet")) {
            return "application/vnd.apache.parquet";
        }
        if (path.endsWith(".md")) {
            return "text/markdown; charset=utf-8";
        }
        if (path.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }
}
