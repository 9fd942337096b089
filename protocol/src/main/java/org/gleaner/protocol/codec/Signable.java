package org.gleaner.protocol.codec;

/** A record that can be signed: it names its type (for domain separation) and has one canonical encoding. */
public interface Signable {
    /** Type string, unique per record kind and version, e.g. {@code gleaner/page-receipt/v1}. */
    String recordType();

    /** The canonical encoding; equal records give equal bytes. */
    Bytes encode();
}
