package org.gleaner.protocol.page;

import org.gleaner.protocol.codec.CanonicalReader;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Limits;
import org.gleaner.protocol.codec.MalformedRecordException;

/** One HTTP response header kept with a page (names lowercased by the node). */
public record Header(String name, String value) {
    public Header {
        Limits.nonEmptyText("header.name", name, FieldSizes.HEADER_NAME);
        Limits.text("header.value", value, FieldSizes.HEADER_VALUE);
    }

    static void write(CanonicalWriter w, Header h) {
        w.string(h.name).string(h.value);
    }

    static Header read(CanonicalReader r, String field) throws MalformedRecordException {
        return new Header(r.string(field + ".name", FieldSizes.HEADER_NAME), r.string(field + ".value", FieldSizes.HEADER_VALUE));
    }
}
