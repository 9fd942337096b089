package org.gleaner.builder.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gleaner.builder.build.DatasetBuilderConfig;
import org.gleaner.builder.convert.SkipReason;
import org.gleaner.builder.retention.RetentionPolicy;
import org.gleaner.builder.retention.SweepResult;
import org.gleaner.builder.revocation.PublishedDataset;
import org.gleaner.builder.revocation.RevocationOutcome;
import org.gleaner.builder.revocation.RevocationProcessor;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.note.NoteSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The revocation and retention figures from real deltas and real sweeps on disk: v1 (40 rows in 4 parts, rows 3
 * and 11 carrying a grant) loses those rows to a delta, then the sweep removes v1's data files.
 */
class BuilderMetricsTest {
    private static final String GRANT = PublishedDataset.hex("grant-1");

    @TempDir
    Path dir;

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private double counter(String name) {
        return registry.get(BuilderMetrics.PREFIX + name).counter().count();
    }

    private double gauge(String name) {
        return registry.get(BuilderMetrics.PREFIX + name).gauge().value();
    }

    @Test
    void aDeltaCountsItsRowsItsCompactedVersionAndItsDelay() throws Exception {
        NoteSigner signer = NoteSigner.of("builder.test", Ed25519KeyPair.generate());
        Path dataset = dir.resolve("demo");
        PublishedDataset.publish(dataset.resolve("v1"), "demo", "1", 40, 4, Map.of(3, List.of(GRANT), 11, List.of(GRANT)), signer);
        RevocationOutcome outcome = new RevocationProcessor(dataset, signer).process(List.of(GRANT), PublishedDataset.CHECKPOINT);
        assertThat(outcome.published()).isTrue();

        BuilderMetrics metrics = new BuilderMetrics(registry, true);
        metrics.deltaPublished(outcome, Duration.ofMillis(1500));
        metrics.revocationsSeen(1);

        assertThat(counter("deltas.published")).isEqualTo(1);
        assertThat(counter("delta.rows.removed")).isEqualTo(2);
        assertThat(counter("delta.rows.redacted")).isZero();
        assertThat(counter("versions.compacted")).isEqualTo(1);
        assertThat(counter("revocations.seen")).isEqualTo(1);
        assertThat(registry.get(BuilderMetrics.PREFIX + "revocation.publish.latency").timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(1500);
    }

    @Test
    void theServicesSweepCountsVersionsFilesAndBytesRemoved() throws Exception {
        NoteSigner signer = NoteSigner.of("builder.test", Ed25519KeyPair.generate());
        Path root = dir.resolve("datasets");
        Path dataset = root.resolve("demo");
        PublishedDataset.publish(dataset.resolve("v1"), "demo", "1", 40, 4, Map.of(3, List.of(GRANT)), signer);
        new RevocationProcessor(dataset, signer).process(List.of(GRANT), PublishedDataset.CHECKPOINT);
        BuilderServiceSettings settings = new BuilderServiceSettings(DatasetBuilderConfig.of(root, "demo", "1"),
                "127.0.0.1:1", "gleaner.pages", 10, Duration.ofHours(1), Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofMinutes(1));
        BuilderFactory unused = config -> {
            throw new AssertionError("no build in this test");
        };

        SweepResult swept;
        try (BuilderService service = new BuilderService(settings, signer, null, null, unused,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new RetentionPolicy(Duration.ZERO, 0), registry)) {
            swept = service.sweepIfDue();
            assertThat(service.sweepIfDue()).as("at most once an hour").isNull();
        }

        assertThat(swept.sweptVersions()).containsExactly("1");
        assertThat(counter("retention.sweeps")).isEqualTo(1);
        assertThat(counter("retention.versions.removed")).isEqualTo(1);
        assertThat(counter("retention.files.removed")).isEqualTo(4);
        assertThat(counter("retention.removed")).isEqualTo(swept.bytesRemoved()).isPositive();
        assertThat(registry.find(BuilderMetrics.PREFIX + "consent.source.available").gauge())
                .as("no ledger, no availability gauge").isNull();
    }

    @Test
    void aBuildThatThrowsCountsAsStartedAndFailed() throws Exception {
        NoteSigner signer = NoteSigner.of("builder.test", Ed25519KeyPair.generate());
        BuilderServiceSettings settings = new BuilderServiceSettings(DatasetBuilderConfig.of(dir, "demo", "1"),
                "127.0.0.1:1", "gleaner.pages", 10, Duration.ofHours(1), Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofMinutes(1));
        BuilderFactory broken = config -> {
            throw new IllegalStateException("no extractor");
        };
        try (BuilderService service = new BuilderService(settings, signer, null, null, broken,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), RetentionPolicy.DEFAULT, registry)) {
            assertThatThrownBy(service::buildOnce).hasMessage("no extractor");
        }
        assertThat(counter("builds.started")).isEqualTo(1);
        assertThat(counter("builds.failed")).isEqualTo(1);
        assertThat(counter("builds.published")).isZero();
        assertThat(gauge("dataset.version")).isZero();
    }

    @Test
    void everySkipReasonIsATagFromTheEnumAndTheVersionGaugeKeepsTheHighestWholeNumber() {
        BuilderMetrics metrics = new BuilderMetrics(registry, true);
        assertThat(registry.get(BuilderMetrics.PREFIX + "pages.skipped").counters()).hasSize(SkipReason.values().length);
        assertThat(registry.get(BuilderMetrics.PREFIX + "pages.skipped").counters())
                .allSatisfy(c -> assertThat(c.getId().getTags()).hasSize(1));
        metrics.currentVersion("3");
        metrics.currentVersion("3-d000001");
        metrics.currentVersion("2");
        assertThat(gauge("dataset.version")).isEqualTo(3);
        assertThat(gauge("consent.source.available")).as("not asked yet").isZero();
        metrics.consentAnswered();
        assertThat(gauge("consent.source.available")).isEqualTo(1);
        metrics.consentUnanswered();
        assertThat(gauge("consent.source.available")).isZero();
        assertThat(counter("consent.source.failures")).isEqualTo(1);
    }
}
