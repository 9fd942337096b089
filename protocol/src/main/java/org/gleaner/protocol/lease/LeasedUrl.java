package org.gleaner.protocol.lease;

import org.gleaner.protocol.codec.CanonicalReader;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Limits;
import org.gleaner.protocol.codec.MalformedRecordException;

/** One URL in a lease, with its link depth from the job's seeds. */
public record LeasedUrl(String url, int depth) {
    public LeasedUrl {
        Limits.nonEmptyText("url", url, FieldSizes.URL);
        Limits.range("depth", depth, 0, 0xFFFF);
    }

    public static void write(CanonicalWriter w, LeasedUrl u) {
        w.string(u.url).u16(u.depth);
    }

    public static LeasedUrl read(CanonicalReader r, String field) throws MalformedRecordException {
        return new LeasedUrl(r.string(field + ".url", FieldSizes.URL), r.u16(field + ".depth"));
    }
}
