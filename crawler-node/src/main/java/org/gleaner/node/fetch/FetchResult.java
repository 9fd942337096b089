package org.gleaner.node.fetch;

import java.util.List;
import org.gleaner.protocol.page.Header;

/** What one fetch (after redirects) produced. */
public record FetchResult(String url, String finalUrl, int status, String contentType, List<Header> headers,
        byte[] body, long fetchedAtMillis, long wireBytes) {
}
