package org.gleaner.builder.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.gleaner.builder.build.DatasetBuilder;
import org.gleaner.builder.build.DatasetBuilderConfig;
import org.gleaner.builder.consent.ledger.LedgerConsentSource;
import org.gleaner.builder.extract.TextExtractor;
import org.gleaner.builder.language.LanguageIdentifier;
import org.gleaner.builder.retention.RetentionPolicy;
import org.gleaner.builder.revocation.LedgerFixture;
import org.gleaner.builder.revocation.PeopleText;
import org.gleaner.builder.testing.PagesTopicWriter;
import org.gleaner.builder.testing.TestPages;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.note.NoteSigner;

/**
 * What the long-running builder's tests share: a real broker with the pages topic (two partitions), a real
 * consent ledger, a real signer, and the {@link BuilderService} of dataset "people" running on its own thread
 * (a version once 10 pages wait) until the test stops it. Closing stops the service, then the ledger and the broker.
 */
final class BuilderServiceFixture implements AutoCloseable {
    static final String PAGES = "gleaner.pages";
    private static final Duration AWAIT = Duration.ofSeconds(120);

    final NoteSigner signer;
    final LedgerFixture ledger;
    private final EmbeddedKafkaBroker kafka;
    private final LedgerConsentSource consent;
    private final Path root;
    private final TestPages pages = new TestPages();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private BuilderService service;
    private Thread thread;

    private BuilderServiceFixture(EmbeddedKafkaBroker kafka, LedgerFixture ledger, LedgerConsentSource consent, Path root,
            NoteSigner signer) {
        this.kafka = kafka;
        this.ledger = ledger;
        this.consent = consent;
        this.root = root;
        this.signer = signer;
    }

    /** Starts the broker and the ledger under {@code dir}; datasets go to {@code dir/datasets}. */
    static BuilderServiceFixture start(Path dir) throws Exception {
        NoteSigner signer = NoteSigner.of("builder.test", Ed25519KeyPair.generate());
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build();
        LedgerFixture ledger = null;
        try {
            kafka.start();
            kafka.createTopic(PAGES, 2);
            ledger = new LedgerFixture(dir.resolve("ledger"), kafka.bootstrapServers());
            return new BuilderServiceFixture(kafka, ledger, ledger.consentSource(), dir.resolve("datasets"), signer);
        } catch (Exception | Error e) {
            try (EmbeddedKafkaBroker closing = kafka; LedgerFixture closingLedger = ledger) {
                throw e;
            }
        }
    }

    /** The dataset's directory: {@code v1}, {@code deltas}, ... */
    Path people() {
        return root.resolve("people");
    }

    /** Pages {@code first..first+count-1} of people.example; the first two mention {@code email}. */
    void produce(int first, int count, String email) throws Exception {
        produce(first, count, email, -1, "");
    }

    /** As {@link #produce(int, int, String)}, and page {@code marked} also carries the sentence {@code marker}. */
    void produce(int first, int count, String email, int marked, String marker) throws Exception {
        try (PagesTopicWriter topic = new PagesTopicWriter(kafka.bootstrapServers(), PAGES, pages)) {
            for (int i = first; i < first + count; i++) {
                String text = PeopleText.paragraph(i) + (i - first < 2 ? " Mail " + email + " any time." : "")
                        + (i == marked ? " " + marker + "." : "");
                topic.send("https://people.example/s/" + i, "Page " + i, text);
            }
        }
    }

    /** One more page on the pages topic. */
    void send(String url, String title, String text) throws Exception {
        try (PagesTopicWriter topic = new PagesTopicWriter(kafka.bootstrapServers(), PAGES, pages)) {
            topic.send(url, title, text);
        }
    }

    /** Runs the service on its own thread, extracting with {@code extractor}; a build may take {@code maxBuild}. */
    void startService(TextExtractor extractor, Duration maxBuild) {
        startService(extractor, maxBuild, new SimpleMeterRegistry());
    }

    /** As {@link #startService(TextExtractor, Duration)}, recording the service's figures on {@code metrics}. */
    void startService(TextExtractor extractor, Duration maxBuild, MeterRegistry metrics) {
        if (service != null) {
            throw new IllegalStateException("the service is already running");
        }
        BuilderServiceSettings settings = new BuilderServiceSettings(
                DatasetBuilderConfig.of(root, "people", "1").withParts(4), kafka.bootstrapServers(), PAGES, 10,
                Duration.ofHours(1), Duration.ofMillis(200), Duration.ofSeconds(5), maxBuild);
        BuilderFactory builders = config -> new DatasetBuilder(config, extractor, LanguageIdentifier.NONE);
        service = new BuilderService(settings, signer, consent, ledger.commitments(), builders,
                new PrintStream(log, true, StandardCharsets.UTF_8), RetentionPolicy.DEFAULT, metrics);
        thread = new Thread(() -> {
            try {
                service.run(stop::get);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "builder-service");
        thread.start();
    }

    /** Waits until {@code condition} holds; fails at once when the service has failed, or after two minutes. */
    void awaitOrFail(BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (failure.get() != null) {
                throw new AssertionError("the service failed", failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the service did not get there within " + AWAIT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** Stops the service (it stops before it is closed), waits up to a minute for its thread, then closes it. */
    void stopService() throws InterruptedException {
        if (service == null) {
            return;
        }
        stop.set(true);
        thread.join(60_000);
        service.close();
        service = null;
    }

    /** What the service's thread threw, or null. */
    Throwable failure() {
        return failure.get();
    }

    /** What the service has printed. */
    String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        try (EmbeddedKafkaBroker closingKafka = kafka; LedgerFixture closingLedger = ledger;
                LedgerConsentSource closingConsent = consent) {
            stopService();
        }
    }
}
