package org.gleaner.builder.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gleaner.builder.extract.ExtractedText;
import org.gleaner.builder.extract.ExtractionException;
import org.gleaner.builder.extract.MainTextExtractor;
import org.gleaner.builder.extract.TextExtractor;
import org.gleaner.builder.revocation.DeletionDelta;
import org.gleaner.builder.revocation.DeltaVerifier;
import org.gleaner.builder.revocation.LedgerFixture;
import org.gleaner.builder.revocation.RevocationLedgerIT;
import org.gleaner.builder.version.DatasetVersions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A revocation that reaches the ledger while a build is running: the build is held inside its extraction stage (a
 * gate the test opens, no timing involved) while the subject revokes; the service publishes the delta for the
 * already published version before the build ends, and the build's version, made as of the older checkpoint, is
 * published already superseded by its compacted version (its superseded marker is written before its manifest), so
 * it is never live and no live version keeps the revoked subject's address.
 */
class RevocationDuringBuildIT {
    private static final String GATE = "Held-by-the-test";

    @TempDir
    Path dir;

    /**
     * The slow stage: extraction of the page carrying {@link #GATE} waits until the test opens the gate. Closing
     * opens it, so a failed test never leaves the service's build waiting.
     */
    private static final class GatedExtractor implements TextExtractor, AutoCloseable {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);
        private final TextExtractor real = new MainTextExtractor();

        @Override
        public ExtractedText extract(byte[] body, String contentType, String baseUrl) throws ExtractionException {
            if (new String(body, StandardCharsets.UTF_8).contains(GATE)) {
                reached.countDown();
                try {
                    if (!open.await(5, TimeUnit.MINUTES)) {
                        throw new ExtractionException("the test never opened the gate", null);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ExtractionException("interrupted", e);
                }
            }
            return real.extract(body, contentType, baseUrl);
        }

        @Override
        public void close() {
            open.countDown();
        }
    }

    @Test
    void aRevocationDuringASlowBuildIsPublishedBeforeTheBuildEndsAndTheBuildIsNeverLiveWithTheRevokedRows()
            throws Exception {
        // closed in reverse: the gate opens before the fixture stops the service
        try (BuilderServiceFixture fixture = BuilderServiceFixture.start(dir);
                GatedExtractor extractor = new GatedExtractor()) {
            LedgerFixture.Subject alice = fixture.ledger.subject("alice@people.example");
            String grant = alice.grant("train-ai");
            fixture.produce(0, 12, alice.email);

            DeltaVerifier deltas = new DeltaVerifier(fixture.signer.verifier());
            Path people = fixture.people();
            fixture.startService(extractor, Duration.ofMinutes(10));
            fixture.awaitOrFail(() -> Files.exists(people.resolve("v1/manifest.json")));
            fixture.produce(100, 10, alice.email, 105, GATE);
            assertThat(extractor.reached.await(2, TimeUnit.MINUTES)).as("v2's build reached the slow stage").isTrue();

            alice.revoke(grant);
            fixture.awaitOrFail(() -> Files.exists(people.resolve("v1/superseded.json")));
            assertThat(extractor.open.getCount()).as("the build is still held").isEqualTo(1);
            assertThat(people.resolve("v2/manifest.json")).as("v2 is not published yet").doesNotExist();
            DeletionDelta first = deltas.verify(DeletionDelta.deltaPath(people, 1));
            assertThat(first.versions()).extracting(DeletionDelta.AffectedVersion::version).containsExactly("1");

            extractor.open.countDown();
            fixture.awaitOrFail(() -> Files.exists(people.resolve("v2/manifest.json")));
            assertThat(people.resolve("v2/superseded.json")).as("v2 was published already superseded").exists();
            assertThat(people.resolve("v2-d000002/manifest.json")).exists();
            DeletionDelta second = deltas.verify(DeletionDelta.deltaPath(people, 2));
            assertThat(second.versions()).extracting(DeletionDelta.AffectedVersion::version).containsExactly("2");
            assertThat(second.revokedGrantIds()).containsExactly(grant);
            List<String> live = DatasetVersions.live(people).stream().map(DatasetVersions.Version::name).toList();
            assertThat(live).containsExactly("1-d000001", "2-d000002");
            for (String v : live) {
                assertThat(RevocationLedgerIT.rowsMentioning(people.resolve("v" + v), alice.email))
                        .as("v" + v + " keeps no trace of the revoked address").isEmpty();
            }

            fixture.stopService();
            assertThat(fixture.failure()).isNull();
            assertThat(fixture.log()).contains("published deltas/delta-000001.json", "published v2",
                    "published deltas/delta-000002.json");
        }
    }
}
