package org.gleaner.builder.revocation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gleaner.builder.consent.ConsentLookup;
import org.gleaner.builder.language.LanguageSettings;
import org.gleaner.builder.manifest.BuildFilters;
import org.gleaner.builder.manifest.LedgerCheckpoint;
import org.gleaner.builder.manifest.ManifestPublisher;
import org.gleaner.builder.manifest.ManifestSettings;
import org.gleaner.builder.parquet.ParquetDatasetWriter;
import org.gleaner.builder.parquet.PartitionedParquetFiles;
import org.gleaner.builder.pii.ConsentContext;
import org.gleaner.builder.pii.GrantTableConsentLookup;
import org.gleaner.builder.pii.HmacCommitmentMapperTestDouble;
import org.gleaner.builder.pii.PersonalDataFilter;
import org.gleaner.builder.pii.PiiKind;
import org.gleaner.builder.pii.PiiPolicy;
import org.gleaner.builder.pii.PrivacySettings;
import org.gleaner.builder.quality.QualityThresholds;
import org.gleaner.builder.row.DatasetRow;
import org.gleaner.builder.text.TokenCounter;
import org.gleaner.protocol.note.NoteSigner;

/**
 * A dataset version whose rows went through the real {@link PersonalDataFilter} as of a first checkpoint at which
 * Ada (grant A) and Bob (grant B) licensed their e-mail addresses and Carol did not, and a consent context as of a
 * later checkpoint at which grant A is revoked. Rows (by index):
 * <ol start="0">
 *   <li>Ada and Bob in the text, Ada in the title, Carol in the text (redacted at build time)</li>
 *   <li>Ada only, written in upper case</li>
 *   <li>Ada in the text and in the URL (the receipt signs the URL: the row cannot be re-redacted)</li>
 *   <li>Bob only</li>
 *   <li>Ada in the text, but counts saying the build kept two addresses (as if today's detectors missed one that
 *       an older build found): the row cannot be shown clean and is deleted</li>
 * </ol>
 * and plain rows from 5 on.
 */
final class RedactableDataset {
    static final String ADA = "ada.lovelace@riverside.example";
    static final String BOB = "bob@hillside.example";
    static final String CAROL = "carol@seaside.example";
    static final String GRANT_A = PublishedDataset.hex("grant-ada");
    static final String GRANT_B = PublishedDataset.hex("grant-bob");
    static final String PURPOSE = "train-ai";
    static final LedgerCheckpoint BUILT_AS_OF = PublishedDataset.CHECKPOINT;
    static final LedgerCheckpoint REVOKED_AS_OF = new LedgerCheckpoint("test/ledger", 12, "cd".repeat(32));
    static final int ROWS = 40;

    private final HmacCommitmentMapperTestDouble commitments = new HmacCommitmentMapperTestDouble(new byte[32]);
    final List<DatasetRow> rows = new ArrayList<>();

    /** Publishes {@code versionDir} under {@code policy} (recorded in its manifest's filters). */
    void publish(Path versionDir, String dataset, String version, PiiPolicy policy, NoteSigner signer) throws Exception {
        ConsentLookup.Checkpoint built = new ConsentLookup.Checkpoint(BUILT_AS_OF.treeSize(), BUILT_AS_OF.rootHash());
        GrantTableConsentLookup atBuild = new GrantTableConsentLookup(built);
        atBuild.grant(commitment(ADA), PURPOSE, GRANT_A);
        atBuild.grant(commitment(BOB), PURPOSE, GRANT_B);
        PrivacySettings privacy = new PrivacySettings(PURPOSE, PiiPolicy.REDACT, "US",
                new ConsentContext(atBuild, commitments, built));
        PersonalDataFilter filter = new PersonalDataFilter(privacy);
        rows.clear();
        rows.add(row(filter, 0, "Write to " + ADA + " or to " + BOB + "; not to " + CAROL + ".", "Ada (" + ADA + ")", null));
        rows.add(row(filter, 1, "Ada's old address was " + ADA.toUpperCase() + " until 1843.", null, null));
        rows.add(row(filter, 2, "Contact " + ADA + " for the garden.", "Garden", "https://riverside.example/u/" + ADA));
        rows.add(row(filter, 3, "Bob answers at " + BOB + " on weekdays.", "Bob", null));
        rows.add(withOneMoreKeptEmail(row(filter, 4, "Ada's studio: " + ADA + ".", null, null)));
        for (int i = 5; i < ROWS; i++) {
            rows.add(row(filter, i, PeopleText.paragraph(i), "Page " + i, null));
        }
        List<org.gleaner.builder.parquet.WrittenFile> files;
        try (PartitionedParquetFiles out = PartitionedParquetFiles.open(new ParquetDatasetWriter(), versionDir, 4)) {
            for (DatasetRow r : rows) {
                out.write(r);
            }
            files = out.publish();
        }
        Map<String, Object> filters = BuildFilters.describe("test-extractor", "none", (LanguageSettings) null,
                QualityThresholds.defaults(), null, privacy.withPolicy(policy));
        new ManifestPublisher(ManifestSettings.signedBy(signer).withCheckpoint(BUILT_AS_OF, "test basis"))
                .publish(versionDir, dataset, version, files, filters);
    }

    private static DatasetRow row(PersonalDataFilter filter, int i, String text, String title, String url) {
        DatasetRow base = PublishedDataset.row(i, List.of());
        PersonalDataFilter.Filtered f = filter.filter(java.util.Arrays.asList(text, title));
        String t = f.texts().get(0);
        return new DatasetRow(base.id(), t, url == null ? base.url() : url, base.host(), f.texts().get(1),
                base.language(), base.languageScore(), base.fetchedAt(), base.contentSha256(),
                TokenCounter.whitespaceTokens(t), f.counts(), f.grantIds(), base.licence(), base.nodeId(), base.leaseId(),
                base.receiptSignature(), url == null ? base.finalUrl() : url, base.httpStatus(), base.bodyBytes(),
                base.receiptNonce(), base.qualityFlags(), base.quality());
    }

    private static DatasetRow withOneMoreKeptEmail(DatasetRow r) {
        int n = PiiKind.values().length;
        int[] found = new int[n];
        int[] kept = new int[n];
        int[] redacted = new int[n];
        for (PiiKind k : PiiKind.values()) {
            found[k.ordinal()] = r.pii().found(k);
            kept[k.ordinal()] = r.pii().kept(k);
            redacted[k.ordinal()] = r.pii().redacted(k);
        }
        found[PiiKind.EMAIL_ADDRESS.ordinal()]++;
        kept[PiiKind.EMAIL_ADDRESS.ordinal()]++;
        return new DatasetRow(r.id(), r.text(), r.url(), r.host(), r.title(), r.language(), r.languageScore(), r.fetchedAt(),
                r.contentSha256(), r.tokenCount(), org.gleaner.builder.pii.PiiCounts.of(found, kept, redacted),
                r.consentGrantIds(), r.licence(), r.nodeId(), r.leaseId(), r.receiptSignature(), r.finalUrl(), r.httpStatus(),
                r.bodyBytes(), r.receiptNonce(), r.qualityFlags(), r.quality());
    }

    /** The consent context as of {@link #REVOKED_AS_OF}: grant A revoked, grant B standing. */
    ConsentContext afterRevocation() {
        ConsentLookup.Checkpoint later = new ConsentLookup.Checkpoint(REVOKED_AS_OF.treeSize(), REVOKED_AS_OF.rootHash());
        GrantTableConsentLookup now = new GrantTableConsentLookup(later);
        now.grant(commitment(BOB), PURPOSE, GRANT_B);
        return new ConsentContext(now, commitments, later);
    }

    String id(int row) {
        return rows.get(row).id();
    }

    private String commitment(String email) {
        return commitments.commitmentHex(PiiKind.EMAIL_ADDRESS, email);
    }
}
