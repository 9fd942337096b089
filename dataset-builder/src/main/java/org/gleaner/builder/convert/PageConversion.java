package org.gleaner.builder.convert;

import java.util.Objects;
import org.gleaner.builder.pii.PersonalDataFilter;
import org.gleaner.builder.row.DatasetRow;
import org.gleaner.builder.row.UrlNormalizer.NormalizedUrl;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.page.PageReceipt;

/**
 * The outcome of turning one fetched page into a row: a row, or a reason it was skipped; between the two phases
 * of {@link PageToRow}, a candidate.
 */
public sealed interface PageConversion {

    /** A row, with the normalized URL the build dedupes on. */
    record Converted(DatasetRow row, String normalizedUrl) implements PageConversion {
        public Converted {
            Objects.requireNonNull(row, "row");
            Objects.requireNonNull(normalizedUrl, "normalizedUrl");
        }
    }

    /**
     * A page that passed every check, with its final text and title (personal data already decided), waiting
     * for {@link PageToRow#finish}.
     */
    record Candidate(Signed<PageReceipt> receipt, NormalizedUrl normalizedUrl, String text, String title,
            PersonalDataFilter.Filtered personalData) implements PageConversion {
        public Candidate {
            Objects.requireNonNull(receipt, "receipt");
            Objects.requireNonNull(normalizedUrl, "normalizedUrl");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(personalData, "personalData");
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
