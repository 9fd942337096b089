package org.gleaner.devnet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.gleaner.builder.build.BuildLimits;
import org.gleaner.builder.build.BuildResult;
import org.gleaner.builder.build.DatasetBuilder;
import org.gleaner.builder.build.DatasetBuilderConfig;
import org.gleaner.builder.ingest.KafkaPageSource;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.LedgerCheckpoint;
import org.gleaner.builder.manifest.ManifestSettings;
import org.gleaner.devnet.ledger.BuilderConsent;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.crypto.KeyFileException;
import org.gleaner.protocol.note.NoteKeyException;
import org.gleaner.protocol.note.NoteSigner;

/**
 * The devnet's dataset step: a version of the demo dataset from everything on the pages topic, its personal
 * data decided by consent as of one ledger checkpoint, with a signed manifest naming that checkpoint.
 */
final class DatasetStage {
    static final String DATASET = "demo";
    /** The note key name the devnet's builder signs manifests with. */
    static final String MANIFEST_KEY_NAME = "gleaner.devnet/dataset-builder";
    /** Under {@code <runDir>/datasets}: the manifest signer's verifier key (public), for {@code gleaner datasets verify}. */
    static final String VERIFIER_KEY_FILE = "manifest-signer.vkey";
    /** Rows are split into parts by a stable hash of their id, so a revocation rewrites only the parts it touches. */
    static final int PARTS = 4;
    static final String CONSENT_BASIS = "Personal identifiers were decided by the consent ledger as of the named "
            + "checkpoint for purpose train-ai: identifiers whose subject holds an active grant stay, with the grant ids "
            + "in consent_grant_ids; all others were replaced by typed placeholders.";

    private final Path runDir;
    private final Topics topics;
    private final StoryLog progress;

    DatasetStage(Path runDir, Topics topics, StoryLog progress) {
        this.runDir = runDir;
        this.topics = topics;
        this.progress = progress;
    }

    /** Builds a version from the pages topic as of {@code asOf}, leaving out the pages of {@code distrustedNodes}. */
    Result build(String version, String bootstrapServers, BuilderConsent.AsOf asOf, Set<String> distrustedNodes)
            throws IOException {
        progress.say("building dataset '" + DATASET + "' v" + version + " from " + topics.pages()
                + " as of ledger checkpoint " + asOf.named().treeSize() + " (" + asOf.named().rootHashHex().substring(0, 12) + "…)");
        DatasetBuilderConfig base = DatasetBuilderConfig.of(runDir.resolve("datasets"), DATASET, version);
        DatasetBuilderConfig config = base.withNetworkOrigin(Devnet.ORIGIN)
                .withGroupId(base.groupId() + ".v" + version)
                .withPrivacy(base.privacy().withConsent(asOf.context()))
                .withParts(PARTS);
        NoteSigner signer = signer();
        BuildResult result;
        long excluded;
        try (TrustedNodesOnly source = new TrustedNodesOnly(new KafkaPageSource(bootstrapServers, topics.pages(),
                config.groupId(), config.kafkaProperties()), distrustedNodes)) {
            result = new DatasetBuilder(config)
                    .withManifest(ManifestSettings.signedBy(signer).withCheckpoint(asOf.manifestCheckpoint(), CONSENT_BASIS))
                    .build(source, BuildLimits.untilCaughtUp(Duration.ofSeconds(15)));
            excluded = source.excluded();
        }
        if (excluded > 0) {
            progress.say("left out " + excluded + " pages of " + distrustedNodes.size()
                    + " node(s) caught altering content");
        }
        Map<String, Long> skipped = new TreeMap<>();
        result.skipped().forEach((reason, n) -> {
            if (n > 0) {
                skipped.put(reason.name(), n);
            }
        });
        progress.say("dataset written: " + result.rows() + " rows in " + result.files().size() + " part files, "
                + result.bytes() + " bytes");
        Path manifest = DatasetManifest.manifestPath(config.versionDir());
        progress.say("manifest signed: " + manifest + " (verify: ./gleaner datasets verify "
                + config.versionDir() + " --key " + signer.verifier().encode() + ")");
        List<Path> files = result.files().stream().map(f -> f.path()).toList();
        return new Result(version, result.rows(), skipped, excluded, config.versionDir(), files, asOf.manifestCheckpoint());
    }

    /** Where the dataset's versions and deltas live. */
    Path datasetDir() {
        return runDir.resolve("datasets").resolve(DATASET);
    }

    /** The builder's manifest (and delta) signing key; its verifier key is written beside the datasets. */
    NoteSigner signer() throws IOException {
        Path datasetsDir = runDir.resolve("datasets");
        Files.createDirectories(datasetsDir);
        try {
            NoteSigner signer = NoteSigner.of(MANIFEST_KEY_NAME,
                    Ed25519KeyPair.loadOrCreate(datasetsDir.resolve("manifest-signer.key")));
            Files.writeString(datasetsDir.resolve(VERIFIER_KEY_FILE), signer.verifier().encode() + "\n",
                    StandardCharsets.UTF_8);
            return signer;
        } catch (KeyFileException | NoteKeyException e) {
            throw new IOException("cannot load the dataset manifest signing key: " + e.getMessage(), e);
        }
    }

    record Result(String version, long rows, Map<String, Long> skippedByReason, long excludedPages, Path versionDir,
            List<Path> files, LedgerCheckpoint checkpoint) {
    }
}
