package org.gleaner.builder.extract;

/** Turns a fetched document's body into a title and plain text. */
public interface TextExtractor {

    /**
     * @param body        the body bytes exactly as fetched
     * @param contentType the response's Content-Type header value, possibly empty; its charset parameter,
     *                    when present and known, decides how the bytes are decoded
     * @param baseUrl     the URL the document was served from (for resolving relative references)
     * @throws ExtractionException when the document cannot be parsed at all
     */
    ExtractedText extract(byte[] body, String contentType, String baseUrl) throws ExtractionException;
}
