package org.gleaner.builder.convert;

import java.time.Instant;
import java.util.Arrays;
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
import org.gleaner.builder.quality.QualityAction;
import org.gleaner.builder.quality.QualityPolicy;
import org.gleaner.builder.quality.QualityTally;
import org.gleaner.builder.row.DatasetRow;
import org.gleaner.builder.row.DocumentId;
import org.gleaner.builder.row.UrlNormalizer;
import org.gleaner.builder.row.UrlNormalizer.NormalizedUrl;
import org.gleaner.builder.pii.PersonalDataFilter;
import org.gleaner.builder.pii.PrivacySettings;
import org.gleaner.builder.signals.AiUseRefusal;
import org.gleaner.builder.signals.SiteSignalPolicy;
import org.gleaner.builder.text.TokenCounter;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.crypto.InvalidKeyException;
import org.gleaner.protocol.crypto.ValidatedKeys;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.protocol.page.Header;
import org.gleaner.protocol.page.PageReceipt;

/**
 * Turns one decoded {@link FetchedPage} into a {@link DatasetRow}, or says why not. Checks, in order: the
 * receipt's signature (only when built with a network origin), the body
 * matches the receipt's hash, the status is 2xx, the content type is HTML, the URL is an absolute http(s) URL,
 * the body parses and has text. The language is named when a {@link LanguageIdentifier} is given
 * ({@link #withLanguage}). With {@link #withPrivacy} settings (by default {@link PrivacySettings#DEFAULTS}):
 * pages whose AI-use site signals refuse an AI-training purpose are skipped (one {@code AI_SIGNAL_*} reason
 * per signal), and personal identifiers in the text and title are kept only when licensed (their grant ids
 * go to the row), otherwise redacted or the page dropped. Thread-safe: a build converts pages on several threads.
 */
public final class PageToRow {
    private final TextExtractor extractor;
    private final String networkOrigin;
    private final LanguageIdentifier language;
    private final QualityPolicy quality;
    private final QualityTally qualityDrops = new QualityTally();
    private final PrivacySettings privacy;
    private final SiteSignalPolicy signalPolicy;
    private final PersonalDataFilter personalData;

    /** A converter that does not check receipt signatures (the coordinator verifies them). */
    public PageToRow(TextExtractor extractor) {
        this(Objects.requireNonNull(extractor, "extractor"), null, LanguageIdentifier.NONE, PrivacySettings.DEFAULTS,
                QualityPolicy.defaults());
    }

    private PageToRow(TextExtractor extractor, String networkOrigin, LanguageIdentifier language, PrivacySettings privacy,
            QualityPolicy quality) {
        this.extractor = extractor;
        this.quality = Objects.requireNonNull(quality, "quality");
        this.networkOrigin = networkOrigin;
        this.language = Objects.requireNonNull(language, "language");
        this.privacy = Objects.requireNonNull(privacy, "privacy");
        this.signalPolicy = new SiteSignalPolicy(privacy.purpose());
        this.personalData = new PersonalDataFilter(privacy);
    }

    /** This converter, also naming each row's language (without it, rows say {@code und}). */
    public PageToRow withLanguage(LanguageIdentifier identifier) {
        return new PageToRow(extractor, networkOrigin, identifier, privacy, quality);
    }

    /** This converter with another purpose, personal-data policy or consent source. */
    public PageToRow withPrivacy(PrivacySettings settings) {
        return new PageToRow(extractor, networkOrigin, language, settings, quality);
    }

    /**
     * This converter judging rows by {@code policy} (default {@link QualityPolicy#defaults()}): failed rules are
     * listed in the row's {@code quality_flags}, or, under {@link QualityAction#DROP}, the page is skipped as
     * {@link SkipReason#LOW_QUALITY} and counted per rule in {@link #qualityDrops()}.
     */
    public PageToRow withQuality(QualityPolicy policy) {
        return new PageToRow(extractor, networkOrigin, language, privacy, policy);
    }

    public QualityPolicy quality() {
        return quality;
    }

    /** Pages dropped for quality so far, by failed rule (a page failing two rules counts under both). */
    public QualityTally qualityDrops() {
        return qualityDrops;
    }

    /**
     * A converter that also checks each receipt's Ed25519 signature by the key it names, for the network
     * {@code networkOrigin}, and skips pages whose signature does not verify. This proves the row's
     * provenance fields are what that node signed, not that the node is registered.
     */
    public PageToRow(TextExtractor extractor, String networkOrigin) {
        this(Objects.requireNonNull(extractor, "extractor"), requireOrigin(networkOrigin), LanguageIdentifier.NONE,
                PrivacySettings.DEFAULTS, QualityPolicy.defaults());
    }

    private static String requireOrigin(String networkOrigin) {
        if (networkOrigin == null || networkOrigin.isBlank()) {
            throw new IllegalArgumentException("networkOrigin is required");
        }
        return networkOrigin;
    }

    /** The whole conversion: {@link #prepare} and, for a candidate, {@link #finish}. */
    public PageConversion convert(FetchedPage page) {
        PageConversion prepared = prepare(page);
        return prepared instanceof PageConversion.Candidate candidate ? finish(candidate) : prepared;
    }

    /**
     * The checks, extraction and personal-data decisions: a {@link PageConversion.Candidate} (the final text and
     * title, which dedup reads) or a skip. What is left for {@link #finish} depends only on that text, so a build
     * can dedup candidates first and finish only the ones it keeps.
     */
    public PageConversion prepare(FetchedPage page) {
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
        Optional<AiUseRefusal> refusal = signalPolicy.refusal(page.signals());
        if (refusal.isPresent()) {
            return skip(skipReason(refusal.get()), receipt.url());
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
        PersonalDataFilter.Filtered filtered = personalData.filter(Arrays.asList(extracted.text(), extracted.title()));
        if (filtered.dropped()) {
            return skip(SkipReason.UNLICENSED_PERSONAL_DATA, receipt.url());
        }
        return new PageConversion.Candidate(page.receipt(), normalized.get(), filtered.texts().get(0),
                filtered.texts().get(1), filtered);
    }

    /**
     * Language, quality signals and the row. Under {@link QualityAction#FLAG} (the default) this never skips;
     * under {@link QualityAction#DROP} it skips pages failing a rule as {@link SkipReason#LOW_QUALITY}.
     */
    public PageConversion finish(PageConversion.Candidate candidate) {
        PageReceipt receipt = candidate.receipt().record();
        String text = candidate.text();
        String contentSha256 = receipt.bodySha256().hex();
        LanguageIdentifier.Identified lang = language.identify(text);
        QualitySignals signals = QualityMeter.measure(text);
        List<String> failures = quality.failures(signals, lang.code());
        if (!failures.isEmpty() && quality.action() == QualityAction.DROP) {
            qualityDrops.count(failures);
            return skip(SkipReason.LOW_QUALITY, failures + " " + receipt.url());
        }
        NormalizedUrl normalized = candidate.normalizedUrl();
        DatasetRow row = new DatasetRow(
                DocumentId.of(normalized.url(), contentSha256),
                text,
                receipt.url(),
                normalized.host(),
                candidate.title(),
                lang.code(),
                lang.score(),
                Instant.ofEpochMilli(receipt.fetchedAtMillis()),
                contentSha256,
                TokenCounter.whitespaceTokens(text),
                candidate.personalData().counts(),
                candidate.personalData().grantIds(),
                null,
                receipt.nodeKey().hex(),
                receipt.leaseId(),
                candidate.receipt().signature().hex(),
                receipt.finalUrl(),
                receipt.status(),
                receipt.bodyBytes(),
                receipt.nonce().hex(),
                failures,
                signals);
        return new PageConversion.Converted(row, normalized.url());
    }

    private boolean signatureVerifies(FetchedPage page) {
        try {
            Ed25519PublicKey node = ValidatedKeys.SHARED.get(page.receipt().record().nodeKey());
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

    private static SkipReason skipReason(AiUseRefusal refusal) {
        return switch (refusal) {
            case X_ROBOTS_NOAI -> SkipReason.AI_SIGNAL_X_ROBOTS_NOAI;
            case CONTENT_USAGE -> SkipReason.AI_SIGNAL_CONTENT_USAGE;
            case TDM_RESERVATION -> SkipReason.AI_SIGNAL_TDM_RESERVATION;
            case ROBOTS_AI_AGENT -> SkipReason.AI_SIGNAL_ROBOTS;
        };
    }

    private static PageConversion skip(SkipReason reason, String detail) {
        return new PageConversion.Skipped(reason, detail);
    }
}
