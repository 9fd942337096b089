package org.gleaner.builder.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gleaner.builder.convert.SkipReason;
import org.gleaner.builder.ingest.SourceRecord;
import org.gleaner.builder.quality.QualityAction;
import org.gleaner.builder.quality.QualityPolicy;
import org.gleaner.builder.testing.TestPages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quality policy's action decides whether failing pages become flagged rows or counted drops. */
class QualityDropBuildTest {
    private static final String PROSE = "The council met on Tuesday to discuss the new rules for the water supply "
            + "of the town. After a long debate, the members agreed that the plan should be adopted with two "
            + "changes. The first change concerns the price of water for farms, which will rise more slowly than "
            + "planned. The second change gives households a year to replace old pipes that have lead in them. "
            + "The mayor said that the town would help families with the cost and publish a guide in the spring.";

    @TempDir
    Path out;
    private final TestPages pages = new TestPages();
    private final List<SourceRecord> records = new ArrayList<>();

    @BeforeEach
    void corpus() {
        records.add(record("https://q.test/good", PROSE));
        records.add(record("https://q.test/short", "Home. About us. Contact."));
        records.add(record("https://q.test/lorem", "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Our "
                + "new theme shows the place where the story of the shop will go, with a photo of the team and the "
                + "list of what we sell. Replace this text with your own words before the site goes live. The "
                + "header and the footer can be changed in the settings, and so can the colours and the fonts. "
                + "Call us or write to us when you need help with the shop, the theme or the payments."));
    }

    private SourceRecord record(String url, String paragraph) {
        return new SourceRecord("pages", 0, records.size(), null,
                pages.htmlPage(url, "T", paragraph).encode().toArray());
    }

    private BuildResult build(String version, QualityPolicy policy) throws Exception {
        DatasetBuilderConfig config = DatasetBuilderConfig.of(out, "q", version).withPollInterval(Duration.ofMillis(20));
        return new DatasetBuilder(config).withQuality(policy)
                .build(ListPageSource.of(List.of(records)), BuildLimits.untilCaughtUp(Duration.ofSeconds(5)));
    }

    @Test
    void dropLeavesFailingPagesOutAndCountsThemPerRule() throws Exception {
        BuildResult result = build("1", QualityPolicy.defaults().withAction(QualityAction.DROP));

        assertThat(result.rows()).isEqualTo(1);
        assertThat(result.skipped(SkipReason.LOW_QUALITY)).isEqualTo(2);
        assertThat(result.qualityDrops()).containsEntry("min:word_count", 1L).containsEntry("max:c4_lorem_ipsum", 1L);
        assertThat(result.rows() + result.totalSkipped()).isEqualTo(result.recordsRead());
        String manifest = Files.readString(out.resolve("q/v1/manifest.json"));
        assertThat(manifest).contains("\"action\":\"drop: rows failing a rule are left out");
    }

    @Test
    void flagKeepsEveryPageWithItsFailedRules() throws Exception {
        BuildResult result = build("2", QualityPolicy.defaults());

        assertThat(result.rows()).isEqualTo(3);
        assertThat(result.skipped(SkipReason.LOW_QUALITY)).isZero();
        assertThat(result.qualityDrops()).isEmpty();
        assertThat(Files.readString(out.resolve("q/v2/manifest.json"))).contains("\"action\":\"flag (quality_flags");
    }
}
