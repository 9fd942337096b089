package org.gleaner.builder.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single byte range of a file of known length, from a {@code Range} header (RFC 9110 section 14). A header
 * in another unit, with several ranges or not well formed is ignored (the whole file is sent, as the RFC
 * allows); a well-formed range that starts past the end is unsatisfiable (416).
 *
 * @param first first byte, inclusive
 * @param last  last byte, inclusive
 */
record RangeRequest(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=([0-9]{0,18})-([0-9]{0,18})");

    long length() {
        return last - first + 1;
    }

    static final class Unsatisfiable extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** Empty: send the whole file. */
    static Optional<RangeRequest> parse(String header, long fileLength) throws Unsatisfiable {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || fileLength == 0) {
                throw new Unsatisfiable();
            }
            return Optional.of(new RangeRequest(Math.max(0, fileLength - suffix), fileLength - 1));
        }
        long first = Long.parseLong(m.group(1));
        if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
            return Optional.empty();
        }
        if (first >= fileLength) {
            throw new Unsatisfiable();
        }
        long last = m.group(2).isEmpty() ? fileLength - 1 : Long.parseLong(m.group(2));
        return Optional.of(new RangeRequest(first, Math.min(last, fileLength - 1)));
    }
}
