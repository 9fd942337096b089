package org.gleaner.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.gleaner.builder.consent.ConsentLookup;
import org.gleaner.builder.convert.SkipReason;
import org.gleaner.builder.ingest.SourceRecord;
import org.gleaner.builder.pii.ConsentContext;
import org.gleaner.builder.pii.ConsentUnavailableException;
import org.gleaner.builder.pii.GrantTableConsentLookup;
import org.gleaner.builder.pii.HmacCommitmentMapperTestDouble;
import org.gleaner.builder.pii.PiiKind;
import org.gleaner.builder.pii.PiiPolicy;
import org.gleaner.builder.pii.PiiScanner;
import org.gleaner.builder.pii.PiiSpan;
import org.gleaner.builder.pii.PrivacySettings;
import org.gleaner.builder.testing.TestPages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A labelled corpus of 30 generated people pages, each planting a fictional person's e-mail, phone and
 * social handle (some also an IP address); every third person has licensed {@code train-ai} for their e-mail
 * and phone in the consent test double. The published Parquet file is read back with DuckDB and must hold
 * no unlicensed identifier (by the detectors and by exact search) and every licensed one with its grant id.
 */
class PersonalDataCorpusTest {
    private static final int PEOPLE = 30;
    private static final String PURPOSE = "train-ai";
    private static final ConsentLookup.Checkpoint CHECKPOINT = new ConsentLookup.Checkpoint(42, "ab".repeat(32));
    private static final List<String> WORDS = List.of("river", "garden", "lantern", "copper", "meadow", "violin",
            "harbour", "pepper", "glacier", "orchard", "saddle", "thimble", "compass", "velvet", "marble", "falcon",
            "cobalt", "walnut", "ember", "quarry", "tundra", "parcel", "beacon", "mosaic", "pylon", "sorrel");

    /** One planted identifier: how it is written on the page, its normalized form, and its grant (or null). */
    private record Planted(int person, PiiKind kind, String written, String normalized, String grantId) {
    }

    @TempDir
    Path out;
    private final TestPages pages = new TestPages();
    private final HmacCommitmentMapperTestDouble commitments = new HmacCommitmentMapperTestDouble("test-key".getBytes());
    private final GrantTableConsentLookup lookup = new GrantTableConsentLookup(CHECKPOINT);
    private final List<Planted> planted = new ArrayList<>();
    private final List<SourceRecord> records = new ArrayList<>();

    @BeforeEach
    void plantCorpus() {
        Random random = new Random(7);
        for (int i = 0; i < PEOPLE; i++) {
            boolean licensed = i % 3 == 0;
            String email = "Person.N" + i + "@People" + (i % 4) + ".Example";
            String phone = "+1 202 555 01" + "%02d".formatted(i);
            String handle = i % 2 == 0 ? "@person_" + i : "https://github.com/person-" + i;
            plant(i, PiiKind.EMAIL_ADDRESS, email, email.toLowerCase(), licensed);
            plant(i, PiiKind.PHONE_NUMBER, phone, "+120255501" + "%02d".formatted(i), licensed);
            plant(i, PiiKind.SOCIAL_HANDLE, handle, i % 2 == 0 ? "at:person_" + i : "github:person-" + i, false);
            StringBuilder text = new StringBuilder("Person number " + i + " of our team. ");
            for (int w = 0; w < 40; w++) {
                text.append(WORDS.get(random.nextInt(WORDS.size()))).append(w % 9 == 8 ? ". " : " ");
            }
            text.append("Contact: ").append(email).append(", phone ").append(phone).append(", find them at ")
                    .append(handle).append('.');
            if (i % 5 == 0) {
                String ip = "198.51.100." + (i + 1);
                plant(i, PiiKind.IP_ADDRESS, ip, ip, false);
                text.append(" Last login from ").append(ip).append('.');
            }
            String title = i == 7 ? "Person " + i + " <" + email + ">" : "Person " + i;
            records.add(new SourceRecord("pages", 0, i, null,
                    pages.htmlPage("https://people.test/people/" + i, title, text.toString()).encode().toArray()));
        }
    }

    private void plant(int person, PiiKind kind, String written, String normalized, boolean licensed) {
        String grantId = licensed ? "grant-" + person + "-" + kind.code() : null;
        if (licensed) {
            lookup.grant(commitments.commitmentHex(kind, normalized), PURPOSE, grantId);
            lookup.grant(commitments.commitmentHex(kind, normalized), "train-genai-other", "wrong-purpose-" + person);
        }
        planted.add(new Planted(person, kind, written, normalized, grantId));
    }

    private BuildResult build(String version, PrivacySettings privacy) throws Exception {
        DatasetBuilderConfig config = DatasetBuilderConfig.of(out, "people", version)
                .withPollInterval(Duration.ofMillis(20)).withPrivacy(privacy);
        return new DatasetBuilder(config).build(ListPageSource.of(List.of(records)),
                BuildLimits.untilCaughtUp(Duration.ofSeconds(5)));
    }

    private PrivacySettings withConsent() {
        return PrivacySettings.DEFAULTS.withConsent(new ConsentContext(lookup, commitments, CHECKPOINT));
    }

    /** url's person number to (text, title, grant ids, pii counts by column name). */
    private record Row(String text, String title, List<String> grants, Map<String, Integer> counts) {
    }

    private Map<Integer, Row> readBack(Path file) throws Exception {
        Map<Integer, Row> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT * FROM read_parquet('" + file + "')")) {
            while (r.next()) {
                String url = r.getString("url");
                int person = Integer.parseInt(url.substring(url.lastIndexOf('/') + 1));
                Array grants = r.getArray("consent_grant_ids");
                List<String> grantIds = new ArrayList<>();
                for (Object g : (Object[]) grants.getArray()) {
                    grantIds.add((String) g);
                }
                Map<String, Integer> counts = new HashMap<>();
                for (PiiKind k : PiiKind.values()) {
                    for (String col : List.of("found", "kept", "redacted")) {
                        String name = "pii_" + k.code() + "_" + col;
                        counts.put(name, r.getInt(name));
                    }
                }
                rows.put(person, new Row(r.getString("text"), r.getString("title"), grantIds, counts));
            }
        }
        return rows;
    }

    @Test
    void publishesNoUnlicensedIdentifierAndEveryLicensedOneWithItsGrant() throws Exception {
        BuildResult result = build("1", withConsent());
        assertThat(result.rows()).isEqualTo(PEOPLE);
        Map<Integer, Row> rows = readBack(result.path());
        assertThat(rows).hasSize(PEOPLE);

        Set<String> licensedNormalized = new HashSet<>();
        planted.stream().filter(p -> p.grantId() != null).forEach(p -> licensedNormalized.add(p.normalized()));
        PiiScanner scanner = PiiScanner.standard("US");
        for (Row row : rows.values()) {
            for (String cell : new String[] {row.text(), row.title()}) {
                for (PiiSpan span : scanner.scan(cell)) {
                    assertThat(licensedNormalized).as("identifier left in a cell").contains(span.normalized());
                }
            }
        }
        for (Planted p : planted) {
            Row row = rows.get(p.person());
            if (p.grantId() == null) {
                for (Row any : rows.values()) {
                    assertThat(any.text() + "\n" + any.title()).doesNotContainIgnoringCase(p.written());
                }
                assertThat(row.text()).contains(p.kind().placeholder());
            } else {
                assertThat(row.text()).contains(p.written());
                assertThat(row.grants()).contains(p.grantId()).doesNotContain("wrong-purpose-" + p.person());
            }
        }
        Row licensed = rows.get(3);
        assertThat(licensed.grants()).containsExactly("grant-3-email", "grant-3-phone");
        assertThat(licensed.counts()).containsEntry("pii_email_found", 1).containsEntry("pii_email_kept", 1)
                .containsEntry("pii_email_redacted", 0).containsEntry("pii_phone_kept", 1)
                .containsEntry("pii_social_found", 1).containsEntry("pii_social_redacted", 1);
        Row titled = rows.get(7);
        assertThat(titled.title()).isEqualTo("Person 7 <<EMAIL_ADDRESS>>");
        assertThat(titled.counts()).containsEntry("pii_email_found", 2).containsEntry("pii_email_redacted", 2);
        assertThat(rows.get(5).counts()).containsEntry("pii_ip_found", 1).containsEntry("pii_ip_redacted", 1);
        assertThat(rows.get(4).grants()).isEmpty();
    }

    @Test
    void withoutAConsentSourceEveryIdentifierIsRedacted() throws Exception {
        BuildResult result = build("1", PrivacySettings.DEFAULTS);
        Map<Integer, Row> rows = readBack(result.path());
        assertThat(rows).hasSize(PEOPLE);
        for (Planted p : planted) {
            for (Row any : rows.values()) {
                assertThat(any.text() + "\n" + any.title()).doesNotContainIgnoringCase(p.written());
            }
        }
        assertThat(rows.values()).allSatisfy(r -> {
            assertThat(r.grants()).isEmpty();
            assertThat(r.counts()).containsEntry("pii_email_kept", 0).containsEntry("pii_phone_kept", 0);
        });
    }

    @Test
    void dropPolicyLeavesOutEveryDocumentWithAnUnlicensedIdentifier() throws Exception {
        BuildResult result = build("1", withConsent().withPolicy(PiiPolicy.DROP_DOCUMENT));
        // Every page has an unlicensed social handle.
        assertThat(result.rows()).isZero();
        assertThat(result.skipped(SkipReason.UNLICENSED_PERSONAL_DATA)).isEqualTo(PEOPLE);
    }

    @Test
    void aCheckpointTheConsentViewHasNotReachedStopsTheBuildAndPublishesNothing() {
        ConsentLookup.Checkpoint ahead = new ConsentLookup.Checkpoint(43, "cd".repeat(32));
        PrivacySettings settings = PrivacySettings.DEFAULTS.withConsent(new ConsentContext(lookup, commitments, ahead));
        assertThatThrownBy(() -> build("1", settings)).isInstanceOf(ConsentUnavailableException.class)
                .hasMessageNotContaining("@");
        assertThat(Files.exists(out.resolve("people/v1/part-00000.parquet"))).isFalse();
    }
}
