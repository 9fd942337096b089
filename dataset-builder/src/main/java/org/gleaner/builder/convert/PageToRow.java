package org.gleaner.builder.convert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gleaner.builder.extract.ContentType;
import org.gleaner.builder.extract.ExtractedText;
import org.gleaner.builder.extract.ExtractionException;
import org.gleaner.builder.extract.TextExtractor;
import org.gleaner.builder.language.LanguageIdentifier;
import org.gleaner.builder.quality.QualityMeter;
import org.gleaner.builder.quality.QualitySignals;
import org.gleaner.builder.quality.QualityThresholds;
import org.gleaner.builder.row.DatasetRow;
import org.gleaner.builder.row.DocumentId;
import org.gleaner.builder.row.UrlNormalizer;
import org.gleaner.builder.row.UrlNormalizer.NormalizedUrl;
import org.gleaner.builder.text.PiiCounts;
import org.gleaner.builder.text.RegexPiiCounter;
import org.gleaner.builder.text.TokenCounter;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.crypto.InvalidKeyException;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.protocol.page.Header;
import org.gleaner.protocol.page.PageReceipt;

/**
 * Turns one decoded {@link FetchedPage} into a {@link DatasetRow}, or says why not. Checks, in order: the
 * receipt's signature (only when built with a network origin), the body
 * matches the receipt's hash, the status is 2xx, the content type is HTML, the URL is an absolute http(s) URL,
 * the body parses and has text. The language is named when a {@link LanguageIdentifier} is given
 * ({@link #withLanguage}); no consent decision is taken yet (no grant ids, no licence) and PII is only counted.
 */
public final class PageToRow {
    private final TextExtractor extractor;
    private final String networkOrigin;
    private final LanguageIdentifier language;
    private final QualityThresholds thresholds = QualityThresholds.defaults();

    /** A converter that does not check receipt signatures (the coordinator verifies them). */
    public PageToRow(TextExtractor extractor) {
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        this.networkOrigin = null;
        this.language = LanguageIdentifier.NONE;
    }

    private PageToRow(TextExtractor extractor, String networkOrigin, LanguageIdentifier language) {
        this.extractor = extractor;
        this.networkOrigin = networkOrigin;
        this.language = Objects.requireNonNull(language, "language");
    }

    /** This converter, also naming each row's language (without it, rows say {@code und}). */
    public PageToRow withLanguage(LanguageIdentifier identifier) {
        return new PageToRow(extractor, networkOrigin, identifier);
    }

    /**
     * A converter that also checks each receipt's Ed25519 signature by the key it names, for the network
     * {@code networkOrigin}, and skips pages whose signature does not verify. This proves the row's
     * provenance fields are what that node signed, not that the node is registered.
     */
    public PageToRow(TextExtractor extractor, String networkOrigin) {
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        if (networkOrigin == null || networkOrigin.isBlank()) {
            throw new IllegalArgumentException("networkOrigin is required");
        }
        this.networkOrigin = networkOrigin;
        this.language = LanguageIdentifier.NONE;
    }

    public PageConversion convert(FetchedPage page) {
        PageReceipt receipt = page.receipt().record();
        if (networkOrigin != null && !signatureVerifies(page)) {
            return skip(SkipReason.BAD_SIGNATURE, receipt.url());
        }
        if (!page.bodyMatchesReceipt()) {
            return skip(SkipReason.BODY_HASH_MISMATCH, receipt.url());
        }
        if (receipt.status() < 200 || receipt.status() > 299) {
            return skip(SkipReason.NON_2XX_STATUS, receipt.status() + " " + receipt.url());
        }
        String contentType = contentType(page);
        if (!ContentType.parse(contentType).isHtml()) {
            return skip(SkipReason.NOT_HTML, "'" + contentType + "' " + receipt.url());
        }
        Optional<NormalizedUrl> normalized = UrlNormalizer.normalize(receipt.url());
        if (normalized.isEmpty()) {
            return skip(SkipReason.INVALID_URL, receipt.url());
        }
        ExtractedText extracted;
        try {
            extracted = extractor.extract(page.body().toArray(), contentType, receipt.finalUrl());
        } catch (ExtractionException e) {
            return skip(SkipReason.EXTRACTION_FAILED, e.getMessage() + " " + receipt.url());
        }
        if (extracted.text().isBlank()) {
            return skip(SkipReason.EMPTY_TEXT, receipt.url());
        }
        String text = extracted.text();
        String contentSha256 = receipt.bodySha256().hex();
        PiiCounts pii = RegexPiiCounter.count(text);
        LanguageIdentifier.Identified lang = language.identify(text);
        QualitySignals quality = QualityMeter.measure(text);
        DatasetRow row = new DatasetRow(
                DocumentId.of(normalized.get().url(), contentSha256),
                text,
                receipt.url(),
                normalized.get().host(),
                extracted.title(),
                lang.code(),
                lang.score(),
                Instant.ofEpochMilli(receipt.fetchedAtMillis()),
                contentSha256,
                TokenCounter.whitespaceTokens(text),
                pii.emails(),
                pii.phones(),
                List.of(),
                null,
                receipt.nodeKey().hex(),
                receipt.leaseId(),
                page.receipt().signature().hex(),
                receipt.finalUrl(),
                receipt.status(),
                receipt.bodyBytes(),
                receipt.nonce().hex(),
                thresholds.failures(quality, lang.code()),
                quality);
        return new PageConversion.Converted(row, normalized.get().url());
    }

    private boolean signatureVerifies(FetchedPage page) {
        try {
            Ed25519PublicKey node = Ed25519PublicKey.fromBytes(page.receipt().record().nodeKey().toArray());
            return page.receipt().verifies(networkOrigin, node);
        } catch (InvalidKeyException e) {
            return false;
        }
    }

    /** The page's content type, or its {@code content-type} header when the field is empty. */
    private static String contentType(FetchedPage page) {
        if (!page.contentType().isBlank()) {
            return page.contentType();
        }
        return page.headers().stream()
                .filter(h -> h.name().equalsIgnoreCase("content-type"))
                .map(Header::value)
                .findFirst()
                .orElse("");
    }

    private static PageConversion skip(SkipReason reason, String detail) {
        return new PageConversion.Skipped(reason, detail);
    }
}
