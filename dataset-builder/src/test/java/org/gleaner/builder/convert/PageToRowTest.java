package org.gleaner.builder.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.gleaner.builder.extract.HtmlTextExtractor;
import org.gleaner.builder.pii.PiiKind;
import org.gleaner.builder.pii.PrivacySettings;
import org.gleaner.builder.row.DatasetRow;
import org.gleaner.builder.row.DocumentId;
import org.gleaner.builder.testing.TestPages;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.protocol.page.SiteSignals;
import org.junit.jupiter.api.Test;

class PageToRowTest {
    private final TestPages pages = new TestPages();
    private final PageToRow converter = new PageToRow(new HtmlTextExtractor());

    @Test
    void turnsAnHtmlPageIntoARowWithItsProvenance() {
        FetchedPage page = pages.page("https://Example.TEST/a?x=1", "https://example.test/a/?x=1", 200,
                TestPages.HTML_UTF8, TestPages.html("Hello", "Mail me at someone@example.org or call +1 202 555 0143.")
                        .getBytes(StandardCharsets.UTF_8), null, TestPages.ORIGIN);

        PageConversion result = converter.convert(page);

        assertThat(result).isInstanceOf(PageConversion.Converted.class);
        PageConversion.Converted converted = (PageConversion.Converted) result;
        DatasetRow row = converted.row();
        String sha = Bytes.sha256(page.body()).hex();
        assertThat(converted.normalizedUrl()).isEqualTo("https://example.test/a?x=1");
        assertThat(row.id()).isEqualTo(DocumentId.of("https://example.test/a?x=1", sha));
        assertThat(row.text()).isEqualTo("Mail me at <EMAIL_ADDRESS> or call <PHONE_NUMBER>.");
        assertThat(row.url()).isEqualTo("https://Example.TEST/a?x=1");
        assertThat(row.host()).isEqualTo("example.test");
        assertThat(row.title()).isEqualTo("Hello");
        assertThat(row.language()).isEqualTo("und");
        assertThat(row.languageScore()).isNull();
        assertThat(row.fetchedAt()).isEqualTo(Instant.ofEpochMilli(TestPages.FETCHED_AT));
        assertThat(row.contentSha256()).isEqualTo(sha);
        assertThat(row.tokenCount()).isEqualTo(7); // counted on the published (redacted) text
        assertThat(row.pii().found(PiiKind.EMAIL_ADDRESS)).isEqualTo(1);
        assertThat(row.pii().redacted(PiiKind.EMAIL_ADDRESS)).isEqualTo(1);
        assertThat(row.pii().found(PiiKind.PHONE_NUMBER)).isEqualTo(1);
        assertThat(row.pii().redacted(PiiKind.PHONE_NUMBER)).isEqualTo(1);
        assertThat(row.pii().kept(PiiKind.PHONE_NUMBER)).isZero();
        assertThat(row.consentGrantIds()).isEmpty();
        assertThat(row.licence()).isNull();
        assertThat(row.nodeId()).isEqualTo(Bytes.of(pages.node().publicKey().bytes()).hex());
        assertThat(row.leaseId()).isEqualTo("lease-7");
        assertThat(row.receiptSignature()).isEqualTo(page.receipt().signature().hex()).hasSize(128);
        assertThat(row.finalUrl()).isEqualTo("https://example.test/a/?x=1");
        assertThat(row.httpStatus()).isEqualTo(200);
        assertThat(row.bodyBytes()).isEqualTo(page.body().length());
        assertThat(row.receiptNonce()).isEqualTo(page.receipt().record().nonce().hex());
    }

    @Test
    void skipsABodyThatDoesNotMatchTheReceipt() {
        byte[] body = TestPages.html("t", "real body").getBytes(StandardCharsets.UTF_8);
        FetchedPage tampered = pages.page("https://example.test/", "https://example.test/", 200, TestPages.HTML_UTF8,
                body, Bytes.sha256("something else".getBytes(StandardCharsets.UTF_8)), TestPages.ORIGIN);

        assertThat(skipReason(tampered)).isEqualTo(SkipReason.BODY_HASH_MISMATCH);
    }

    @Test
    void skipsNon2xxStatuses() {
        byte[] body = TestPages.html("t", "gone").getBytes(StandardCharsets.UTF_8);

        assertThat(skipReason(pages.page("https://example.test/404", 404, TestPages.HTML_UTF8, body)))
                .isEqualTo(SkipReason.NON_2XX_STATUS);
        assertThat(skipReason(pages.page("https://example.test/301", 301, TestPages.HTML_UTF8, body)))
                .isEqualTo(SkipReason.NON_2XX_STATUS);
        assertThat(converter.convert(pages.page("https://example.test/203", 203, TestPages.HTML_UTF8, body)))
                .isInstanceOf(PageConversion.Converted.class);
    }

    @Test
    void skipsNonHtmlContentTypes() {
        byte[] body = "plain words".getBytes(StandardCharsets.UTF_8);

        assertThat(skipReason(pages.page("https://example.test/t", 200, "text/plain", body))).isEqualTo(SkipReason.NOT_HTML);
        assertThat(skipReason(pages.page("https://example.test/p", 200, "application/pdf", body))).isEqualTo(SkipReason.NOT_HTML);
        assertThat(skipReason(pages.page("https://example.test/e", 200, "", body))).isEqualTo(SkipReason.NOT_HTML);
    }

    @Test
    void skipsInvalidUrlsAndEmptyText() {
        byte[] html = TestPages.html("t", "x").getBytes(StandardCharsets.UTF_8);
        byte[] empty = "<html><body><nav>menu</nav></body></html>".getBytes(StandardCharsets.UTF_8);

        assertThat(skipReason(pages.page("ftp://example.test/x", 200, TestPages.HTML_UTF8, html))).isEqualTo(SkipReason.INVALID_URL);
        assertThat(skipReason(pages.page("https://example.test/e", 200, TestPages.HTML_UTF8, empty))).isEqualTo(SkipReason.EMPTY_TEXT);
    }

    @Test
    void checksSignaturesWhenGivenTheNetworkOrigin() {
        byte[] body = TestPages.html("t", "signed").getBytes(StandardCharsets.UTF_8);
        FetchedPage good = pages.page("https://example.test/", 200, TestPages.HTML_UTF8, body);
        FetchedPage otherNetwork = pages.page("https://example.test/", "https://example.test/", 200, TestPages.HTML_UTF8,
                body, Bytes.sha256(body), "another.network/origin");
        PageToRow verifying = new PageToRow(new HtmlTextExtractor(), TestPages.ORIGIN);

        assertThat(verifying.convert(good)).isInstanceOf(PageConversion.Converted.class);
        assertThat(verifying.convert(otherNetwork)).isEqualTo(
                new PageConversion.Skipped(SkipReason.BAD_SIGNATURE, "https://example.test/"));
        assertThat(converter.convert(otherNetwork)).isInstanceOf(PageConversion.Converted.class);
    }

    private FetchedPage withSignals(SiteSignals signals) {
        FetchedPage page = pages.htmlPage("https://example.test/signals", "Signals", "Some ordinary words here.");
        return new FetchedPage(page.receipt(), page.contentType(), page.headers(), page.body(), signals);
    }

    @Test
    void skipsPagesWhoseSiteSignalsRefuseAiTrainingEachUnderItsOwnReason() {
        assertThat(skipReason(withSignals(new SiteSignals("", "noai", "", "", ""))))
                .isEqualTo(SkipReason.AI_SIGNAL_X_ROBOTS_NOAI);
        assertThat(skipReason(withSignals(new SiteSignals("", "", "train-ai=n", "", ""))))
                .isEqualTo(SkipReason.AI_SIGNAL_CONTENT_USAGE);
        assertThat(skipReason(withSignals(new SiteSignals("", "", "", "1", ""))))
                .isEqualTo(SkipReason.AI_SIGNAL_TDM_RESERVATION);
        assertThat(skipReason(withSignals(new SiteSignals("gleanerbot=allow-all; gptbot=disallow-all", "", "", "", ""))))
                .isEqualTo(SkipReason.AI_SIGNAL_ROBOTS);
        assertThat(converter.convert(withSignals(new SiteSignals("", "noimageai", "search=n", "0", ""))))
                .isInstanceOf(PageConversion.Converted.class);
        PageToRow forSearch = converter.withPrivacy(PrivacySettings.DEFAULTS.withPurpose("search-index"));
        assertThat(forSearch.convert(withSignals(new SiteSignals("", "noai", "train-ai=n", "1", ""))))
                .isInstanceOf(PageConversion.Converted.class);
    }

    private SkipReason skipReason(FetchedPage page) {
        PageConversion result = converter.convert(page);
        assertThat(result).isInstanceOf(PageConversion.Skipped.class);
        return ((PageConversion.Skipped) result).reason();
    }

    @Test
    void namesTheLanguageWhenGivenAnIdentifier() {
        PageToRow withLanguage = converter.withLanguage(
                new org.gleaner.builder.language.LinguaLanguageIdentifier(
                        org.gleaner.builder.language.LanguageSettings.defaults()));
        FetchedPage page = pages.page("https://example.test/de", "https://example.test/de", 200, TestPages.HTML_UTF8,
                TestPages.html("Haushalt", "Der Gemeinderat hat am Dienstag nach einer langen Debatte über Schulen "
                        + "und Straßen den neuen Haushalt beschlossen.").getBytes(StandardCharsets.UTF_8), null,
                TestPages.ORIGIN);

        DatasetRow row = ((PageConversion.Converted) withLanguage.convert(page)).row();

        assertThat(row.language()).isEqualTo("de");
        assertThat(row.languageScore()).isGreaterThan(0.9);
    }

    @Test
    void recordsQualitySignalsAndTheRulesTheTextFails() {
        FetchedPage page = pages.page("https://example.test/q", "https://example.test/q", 200, TestPages.HTML_UTF8,
                TestPages.html("Short", "Too short to be a document.").getBytes(StandardCharsets.UTF_8), null,
                TestPages.ORIGIN);

        DatasetRow row = ((PageConversion.Converted) converter.convert(page)).row();

        assertThat(row.quality().get("word_count")).isEqualTo(6);
        assertThat(row.qualityFlags()).contains("min:word_count", "min:c4_sentence_count")
                .doesNotContain("min:stop_word_count"); // the language is und here, and the rule is English-only
    }
}
