package org.gleaner.node.fetch;

import java.util.List;
import java.util.Locale;
import org.gleaner.protocol.page.Header;

/**
 * What one fetch (after redirects) produced: the decoded body, its charset (from header, BOM or meta), the
 * kept headers and the bytes this fetch moved over the wire, both ways, headers included.
 */
public record FetchResult(String url, String finalUrl, int status, String contentType, String charset,
        List<Header> headers, byte[] body, long fetchedAtMillis, long wireBytes, String protocol) {

    public String header(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return headers.stream().filter(h -> h.name().equals(lower)).map(Header::value).findFirst().orElse("");
    }
}
