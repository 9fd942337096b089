package org.gleaner.builder.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.gleaner.builder.build.DatasetBuilder;
import org.gleaner.builder.build.DatasetBuilderConfig;
import org.gleaner.builder.consent.ledger.LedgerConsentSource;
import org.gleaner.builder.extract.ExtractionException;
import org.gleaner.builder.extract.MainTextExtractor;
import org.gleaner.builder.extract.TextExtractor;
import org.gleaner.builder.language.LanguageIdentifier;
import org.gleaner.builder.revocation.DeletionDelta;
import org.gleaner.builder.revocation.DeltaVerifier;
import org.gleaner.builder.revocation.LedgerFixture;
import org.gleaner.builder.revocation.PeopleText;
import org.gleaner.builder.revocation.RevocationLedgerIT;
import org.gleaner.builder.testing.TestPages;
import org.gleaner.builder.version.DatasetVersions;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.note.NoteSigner;
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
    private static final String PAGES = "gleaner.pages";
    private static final String GATE = "Held-by-the-test";
    private final TestPages pages = new TestPages();

    @TempDir
    Path dir;

    /** The slow stage: extraction of the page carrying {@link #GATE} waits until the test opens the gate. */
    private static final class GatedExtractor implements TextExtractor {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);
        private final TextExtractor real = new MainTextExtractor();

        @Override
        public org.gleaner.builder.extract.ExtractedText extract(byte[] body, String contentType, String baseUrl)
                throws ExtractionException {
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
    }

    @Test
    void aRevocationDuringASlowBuildIsPublishedBeforeTheBuildEndsAndTheBuildIsNeverLiveWithTheRevokedRows()
            throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build()) {
            kafka.start();
            kafka.createTopic(PAGES, 2);
            try (LedgerFixture fixture = new LedgerFixture(dir.resolve("ledger"), kafka.bootstrapServers());
                    LedgerConsentSource consent = fixture.consentSource()) {
                LedgerFixture.Subject alice = fixture.subject("alice@people.example");
                String grant = alice.grant("train-ai");
                produce(kafka.bootstrapServers(), 0, 12, alice.email, -1);

                NoteSigner signer = NoteSigner.of("builder.test", Ed25519KeyPair.generate());
                Path root = dir.resolve("datasets");
                BuilderServiceSettings settings = new BuilderServiceSettings(
                        DatasetBuilderConfig.of(root, "people", "1").withParts(4), kafka.bootstrapServers(), PAGES, 10,
                        Duration.ofHours(1), Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(10));
                GatedExtractor extractor = new GatedExtractor();
                BuilderFactory gated = config -> new DatasetBuilder(config, extractor, LanguageIdentifier.NONE);
                ByteArrayOutputStream log = new ByteArrayOutputStream();
                AtomicBoolean stop = new AtomicBoolean();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Path people = root.resolve("people");
                try (BuilderService service = new BuilderService(settings, signer, consent, fixture.commitments(), gated,
                        new PrintStream(log, true, StandardCharsets.UTF_8))) {
                    Thread thread = new Thread(() -> {
                        try {
                            service.run(stop::get);
                        } catch (Throwable t) {
                            failure.set(t);
                        }
                    }, "builder-service");
                    thread.start();
                    try {
                        awaitOrFail(() -> Files.exists(people.resolve("v1/manifest.json")), failure);
                        produce(kafka.bootstrapServers(), 100, 10, alice.email, 105);
                        assertThat(extractor.reached.await(2, TimeUnit.MINUTES)).as("v2's build reached the slow stage").isTrue();

                        alice.revoke(grant);
                        awaitOrFail(() -> Files.exists(people.resolve("v1/superseded.json")), failure);
                        assertThat(extractor.open.getCount()).as("the build is still held").isEqualTo(1);
                        assertThat(people.resolve("v2/manifest.json")).as("v2 is not published yet").doesNotExist();
                        DeletionDelta first = new DeltaVerifier(signer.verifier()).verify(DeletionDelta.deltaPath(people, 1));
                        assertThat(first.versions()).extracting(DeletionDelta.AffectedVersion::version).containsExactly("1");

                        extractor.open.countDown();
                        awaitOrFail(() -> Files.exists(people.resolve("v2/manifest.json")), failure);
                        assertThat(people.resolve("v2/superseded.json")).as("v2 was published already superseded").exists();
                        assertThat(people.resolve("v2-d000002/manifest.json")).exists();
                        DeletionDelta second = new DeltaVerifier(signer.verifier()).verify(DeletionDelta.deltaPath(people, 2));
                        assertThat(second.versions()).extracting(DeletionDelta.AffectedVersion::version).containsExactly("2");
                        assertThat(second.revokedGrantIds()).containsExactly(grant);
                        List<String> live = DatasetVersions.live(people).stream().map(DatasetVersions.Version::name).toList();
                        assertThat(live).containsExactly("1-d000001", "2-d000002");
                        for (String v : live) {
                            assertThat(RevocationLedgerIT.rowsMentioning(people.resolve("v" + v), alice.email))
                                    .as("v" + v + " keeps no trace of the revoked address").isEmpty();
                        }
                    } finally {
                        extractor.open.countDown();
                        stop.set(true);
                        thread.join(60_000);
                    }
                }
                assertThat(failure.get()).isNull();
                assertThat(log.toString(StandardCharsets.UTF_8)).contains("published deltas/delta-000001.json",
                        "published v2", "published deltas/delta-000002.json");
            }
        }
    }

    private static void awaitOrFail(BooleanSupplier condition, AtomicReference<Throwable> failure) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            if (failure.get() != null) {
                throw new AssertionError("the service failed", failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the service did not get there within 120 s");
            }
            Thread.sleep(100);
        }
    }

    /** Pages {@code first..first+count-1}; the first two mention {@code email}; page {@code gated} carries the gate. */
    private void produce(String bootstrap, int first, int count, String email, int gated) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = first; i < first + count; i++) {
                String url = "https://people.example/s/" + i;
                String text = PeopleText.paragraph(i) + (i - first < 2 ? " Mail " + email + " any time." : "")
                        + (i == gated ? " " + GATE + "." : "");
                producer.send(new ProducerRecord<>(PAGES, url.getBytes(StandardCharsets.UTF_8),
                        pages.htmlPage(url, "Page " + i, text).encode().toArray())).get();
            }
        }
    }
}
