package org.gleaner.builder.convert;

import java.util.Objects;
import org.gleaner.builder.row.DatasetRow;

/** The outcome of turning one fetched page into a row: a row, or a reason it was skipped. */
public sealed interface PageConversion {

    /** A row, with the normalized URL the build dedupes on. */
    record Converted(DatasetRow row, String normalizedUrl) implements PageConversion {
        public Converted {
            Objects.requireNonNull(row, "row");
            Objects.requireNonNull(normalizedUrl, "normalizedUrl");
        }
    }

    /** No row; {@code detail} says what was seen (for logs). */
    record Skipped(SkipReason reason, String detail) implements PageConversion {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
