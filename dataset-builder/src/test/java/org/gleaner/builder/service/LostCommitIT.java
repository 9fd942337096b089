package org.gleaner.builder.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.gleaner.builder.build.DatasetBuilder;
import org.gleaner.builder.build.DatasetBuilderConfig;
import org.gleaner.builder.extract.MainTextExtractor;
import org.gleaner.builder.language.LanguageIdentifier;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.ManifestVerifier;
import org.gleaner.builder.revocation.PeopleText;
import org.gleaner.builder.testing.PagesTopicWriter;
import org.gleaner.builder.testing.TestPages;
import org.gleaner.builder.version.SourcePositions;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.note.NoteSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash after a version is published but before the consumer group's commit: the next version still starts
 * where the last one ended (its signed source.json), so no page is built twice or lost across versions.
 */
class LostCommitIT {
    private static final String PAGES = "gleaner.pages";
    private final TestPages pages = new TestPages();

    @TempDir
    Path dir;

    @Test
    void theNextVersionStartsWhereThePublishedOneEndedEvenWithoutTheGroupsCommit() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build()) {
            kafka.start();
            kafka.createTopic(PAGES, 2);
            produce(kafka.bootstrapServers(), 0, 7);
            NoteSigner signer = NoteSigner.of("builder.test", Ed25519KeyPair.generate());
            DatasetBuilderConfig config = DatasetBuilderConfig.of(dir.resolve("out"), "demo", "1").withParts(2);
            BuilderServiceSettings settings = new BuilderServiceSettings(config, kafka.bootstrapServers(), PAGES, 1,
                    Duration.ofHours(1), Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(5));
            BuilderFactory cheap = c -> new DatasetBuilder(c, new MainTextExtractor(), LanguageIdentifier.NONE);
            try (BuilderService service = new BuilderService(settings, signer, null, null, cheap,
                    new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))) {
                assertThat(service.buildOnce().rows()).isEqualTo(7);
                Map<String, Long> recorded = SourcePositions.read(config.datasetDir().resolve("v1"));
                assertThat(recorded.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(7);

                // The crash: the group's commit is gone.
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                    admin.deleteConsumerGroupOffsets(config.groupId(),
                            Set.of(new TopicPartition(PAGES, 0), new TopicPartition(PAGES, 1))).all().get();
                }
                produce(kafka.bootstrapServers(), 7, 3);
                assertThat(service.buildOnce().rows()).as("only the 3 new pages").isEqualTo(3);
            }
            DatasetManifest v2 = new ManifestVerifier(signer.verifier()).verify(config.datasetDir().resolve("v2"));
            assertThat(v2.files()).extracting(f -> f.path()).contains(SourcePositions.FILE_NAME);
        }
    }

    private void produce(String bootstrap, int first, int count) throws Exception {
        try (PagesTopicWriter topic = new PagesTopicWriter(bootstrap, PAGES, pages)) {
            for (int i = first; i < first + count; i++) {
                topic.send("https://docs.example/lost/" + i, "Doc " + i, PeopleText.paragraph(i));
            }
        }
    }
}
