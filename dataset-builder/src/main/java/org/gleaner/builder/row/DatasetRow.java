package org.gleaner.builder.row;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.gleaner.builder.pii.PiiCounts;
import org.gleaner.builder.quality.QualitySignals;

/**
 * One document of a dataset: one Parquet row. Column names are the snake_case forms of the components (see
 * {@code org.gleaner.builder.parquet.DatasetSchema}).
 *
 * <ul>
 *   <li>{@code id}: lowercase hex SHA-256 of {@code normalizedUrl + "\n" + contentSha256} (see
 *       {@link DocumentId}); it names one version of one document, so the same URL re-fetched with different
 *       bytes gets a new id, and a row with the same id in two dataset versions has the same body.</li>
 *   <li>{@code url}: the URL exactly as the node's receipt signs it (the leased URL); {@code finalUrl} is
 *       where redirects ended.</li>
 *   <li>{@code title}, {@code language}, {@code languageScore}, {@code licence}: nullable.</li>
 *   <li>{@code fetchedAt}: kept at millisecond precision (Parquet {@code TIMESTAMP(MILLIS, UTC)}).</li>
 *   <li>{@code tokenCount}: whitespace-separated tokens of {@code text}, for now.</li>
 *   <li>{@code pii}: per identifier kind, how many were found, kept (licensed: their grant ids are in
 *       {@code consentGrantIds}) and redacted (replaced by a placeholder such as {@code <EMAIL_ADDRESS>}) in
 *       {@code text} and {@code title}.</li>
 *   <li>{@code nodeId}, {@code contentSha256}, {@code receiptSignature}, {@code receiptNonce}: lowercase hex.
 *       With {@code leaseId}, {@code url}, {@code finalUrl}, {@code httpStatus}, {@code fetchedAt} and
 *       {@code bodyBytes} they are every field of the node's signed receipt, so a row's provenance can be
 *       verified offline given the network origin.</li>
 * </ul>
 */
public record DatasetRow(
        String id,
        String text,
        String url,
        String host,
        String title,
        String language,
        Double languageScore,
        Instant fetchedAt,
        String contentSha256,
        int tokenCount,
        PiiCounts pii,
        List<String> consentGrantIds,
        String licence,
        String nodeId,
        String leaseId,
        String receiptSignature,
        String finalUrl,
        int httpStatus,
        long bodyBytes,
        String receiptNonce,
        List<String> qualityFlags,
        QualitySignals quality) {

    /** The language code used while no language identification runs. */
    public static final String UNDETERMINED_LANGUAGE = "und";

    public DatasetRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(contentSha256, "contentSha256");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(leaseId, "leaseId");
        Objects.requireNonNull(receiptSignature, "receiptSignature");
        Objects.requireNonNull(finalUrl, "finalUrl");
        Objects.requireNonNull(receiptNonce, "receiptNonce");
        consentGrantIds = List.copyOf(Objects.requireNonNull(consentGrantIds, "consentGrantIds"));
        qualityFlags = List.copyOf(Objects.requireNonNull(qualityFlags, "qualityFlags"));
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(pii, "pii");
        fetchedAt = fetchedAt.truncatedTo(ChronoUnit.MILLIS);
        if (tokenCount < 0 || bodyBytes < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (languageScore != null && (languageScore.isNaN() || languageScore < 0 || languageScore > 1)) {
            throw new IllegalArgumentException("languageScore must be in [0, 1]: " + languageScore);
        }
    }
}
