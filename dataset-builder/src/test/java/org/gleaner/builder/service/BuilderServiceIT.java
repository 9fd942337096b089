package org.gleaner.builder.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.gleaner.builder.build.DatasetBuilder;
import org.gleaner.builder.build.DatasetBuilderConfig;
import org.gleaner.builder.consent.ledger.LedgerConsentSource;
import org.gleaner.builder.extract.MainTextExtractor;
import org.gleaner.builder.language.LanguageIdentifier;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.ManifestVerifier;
import org.gleaner.builder.revocation.DeletionDelta;
import org.gleaner.builder.revocation.DeltaVerifier;
import org.gleaner.builder.revocation.LedgerFixture;
import org.gleaner.builder.revocation.PeopleText;
import org.gleaner.builder.revocation.RevocationLedgerIT;
import org.gleaner.builder.testing.TestPages;
import org.gleaner.builder.version.SupersededMarker;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.note.NoteSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long-running builder against a real broker and a real ledger: it builds a version once enough pages wait,
 * as of the ledger's checkpoint; a revocation reaches that version as a delta and a compacted version; the next
 * build no longer keeps the revoked subject's address.
 */
class BuilderServiceIT {
    private static final String PAGES = "gleaner.pages";
    private final TestPages pages = new TestPages();

    @TempDir
    Path dir;

    @Test
    void buildsByBacklogAndPublishesDeltasOnRevocation() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build()) {
            kafka.start();
            kafka.createTopic(PAGES, 2);
            try (LedgerFixture fixture = new LedgerFixture(dir.resolve("ledger"), kafka.bootstrapServers());
                    LedgerConsentSource consent = fixture.consentSource()) {
                LedgerFixture.Subject alice = fixture.subject("alice@people.example");
                String grant = alice.grant("train-ai");
                produce(kafka.bootstrapServers(), 0, 12, alice.email);

                NoteSigner signer = NoteSigner.of("builder.test", Ed25519KeyPair.generate());
                Path root = dir.resolve("datasets");
                BuilderServiceSettings settings = new BuilderServiceSettings(
                        DatasetBuilderConfig.of(root, "people", "1").withParts(4), kafka.bootstrapServers(), PAGES, 10,
                        Duration.ofHours(1), Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(5));
                BuilderFactory cheap = config -> new DatasetBuilder(config, new MainTextExtractor(), LanguageIdentifier.NONE);
                ByteArrayOutputStream log = new ByteArrayOutputStream();
                AtomicBoolean stop = new AtomicBoolean();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                try (BuilderService service = new BuilderService(settings, signer, consent, fixture.commitments(), cheap,
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
                    Path people = root.resolve("people");
                    awaitOrFail(() -> Files.exists(people.resolve("v1/manifest.json")), failure);
                    DatasetManifest v1 = new ManifestVerifier(signer.verifier()).verify(people.resolve("v1"));
                    assertThat(v1.rows()).isEqualTo(12);
                    assertThat(v1.checkpoint()).isNotNull();
                    assertThat(RevocationLedgerIT.rowsMentioning(people.resolve("v1"), alice.email)).hasSize(2)
                            .allSatisfy((id, grants) -> assertThat(grants).containsExactly(grant));

                    alice.revoke(grant);
                    awaitOrFail(() -> Files.exists(people.resolve("v1/superseded.json")), failure);
                    DeletionDelta delta = new DeltaVerifier(signer.verifier()).verify(DeletionDelta.deltaPath(people, 1));
                    assertThat(delta.revokedGrantIds()).containsExactly(grant);
                    assertThat(SupersededMarker.read(people.resolve("v1")).supersededBy()).isEqualTo("1-d000001");
                    assertThat(delta.format()).as("built under the redact policy: rows stay, re-redacted")
                            .isEqualTo(DeletionDelta.FORMAT_V2);
                    assertThat(delta.redactedRows()).isEqualTo(2);
                    assertThat(delta.removedRows()).isZero();
                    assertThat(new ManifestVerifier(signer.verifier()).verify(people.resolve("v1-d000001")).rows()).isEqualTo(12);
                    assertThat(RevocationLedgerIT.rowsMentioning(people.resolve("v1-d000001"), alice.email)).isEmpty();

                    produce(kafka.bootstrapServers(), 100, 10, alice.email);
                    awaitOrFail(() -> Files.exists(people.resolve("v2/manifest.json")), failure);
                    DatasetManifest v2 = new ManifestVerifier(signer.verifier()).verify(people.resolve("v2"));
                    assertThat(v2.rows()).as("only the new pages: the group's position moved on").isEqualTo(10);
                    assertThat(v2.checkpoint().treeSize()).isGreaterThan(v1.checkpoint().treeSize());
                    assertThat(RevocationLedgerIT.rowsMentioning(people.resolve("v2"), alice.email)).as("revoked: redacted").isEmpty();
                    } finally {
                        stop.set(true); // the service stops before it is closed
                        thread.join(60_000);
                    }
                }
                assertThat(failure.get()).isNull();
                assertThat(log.toString(StandardCharsets.UTF_8)).contains("published v1", "published deltas/delta-000001.json",
                        "published v2");
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

    private void produce(String bootstrap, int first, int count, String email) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = first; i < first + count; i++) {
                String url = "https://people.example/s/" + i;
                String text = PeopleText.paragraph(i) + (i - first < 2 ? " Mail " + email + " any time." : "");
                producer.send(new ProducerRecord<>(PAGES, url.getBytes(StandardCharsets.UTF_8),
                        pages.htmlPage(url, "Page " + i, text).encode().toArray())).get();
            }
        }
    }
}
